#!/bin/bash
# Round 12 (part b): three sequence / time-series programs (promenade_counts, island_waterworks, urban_ozone):
# each program's plain run, its corrected twin and the extra runs its entry quotes; results in
# results/<name>_{plain,twin,extra*}.json, the part's references in results/round12_b_refs.json and the
# diagnostics its entries quote in results/round12_b_diag.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

for g in promenade_counts island_waterworks urban_ozone; do $PY gen/$g.py > /dev/null; done

# standardised copies of the CSVs (training mean/sd on both splits; what the contract's `standardize` data repair does)
$PY -c "
import pandas as pd
for name, t in [('promenade_counts', 'pedestrians'), ('island_waterworks', 'production_ml')]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != t]; mu = tr[f].mean(); sd = tr[f].std()
    tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
    tr.to_csv(f'/tmp/r12b_{name}_tr_std.csv', index=False); va.to_csv(f'/tmp/r12b_{name}_va_std.csv', index=False)"

# ---- round 12 (b) ----
run promenade_counts plain;    run promenade_counts twin --code ../_twins/promenade_counts/footfall_gru.py
run promenade_counts extra_cfg --set lr=0.0003                                   # config-only: lower lr
run promenade_counts extra_cfg2 --set weight_decay=0.01                          # config-only: L2
run promenade_counts extra_cfg3 --set batch_size=256                             # config-only: larger batches
run promenade_counts extra_stdtarget --standardize-target                        # data-only: standardize_target
run promenade_counts extra_std --train /tmp/r12b_promenade_counts_tr_std.csv --val /tmp/r12b_promenade_counts_va_std.csv   # data-only: standardize
run promenade_counts extra_twin_stdtarget --code ../_twins/promenade_counts/footfall_gru.py --standardize-target

run island_waterworks plain;   run island_waterworks twin --code ../_twins/island_waterworks/seasonal_demand.py
run island_waterworks extra_trainfit --val ../island_waterworks/data/train.csv   # plain fit scored on its own training days
run island_waterworks extra_twin_trainfit --code ../_twins/island_waterworks/seasonal_demand.py --val ../island_waterworks/data/train.csv
run island_waterworks extra_ridge --code ../_twins/island_waterworks/seasonal_demand_ridge_groupmean.py   # reparameterisation: ridge toward group mean
run island_waterworks extra_tied --code ../_twins/island_waterworks/seasonal_demand_tied.py               # reparameterisation: tie the season group
run island_waterworks extra_std --train /tmp/r12b_island_waterworks_tr_std.csv --val /tmp/r12b_island_waterworks_va_std.csv   # data-only: standardize

run urban_ozone plain
run urban_ozone extra_seed1 --set seed=1                                         # healthy: another seed

$PY round12_b.py refs
$PY round12_b.py diag
$PY round12_b.py
