#!/bin/bash
# Round 11 (part b): three mechanistic models fitted to data (billet_cooling, soil_incubation, pasture_regrowth):
# each program's plain run, its corrected twin and the extra runs its entry quotes; results in
# results/<name>_{plain,twin,extra*}.json, the part's references in results/round11_b_refs.json.
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

for g in billet_cooling soil_incubation pasture_regrowth; do $PY gen/$g.py > /dev/null; done

# ---- round 11 (b) ----
run billet_cooling plain;      run billet_cooling twin --code ../_twins/billet_cooling/yard_cooling.py
run billet_cooling extra_trainfit --val ../billet_cooling/data/train.csv          # plain fit scored on its own training billets
run billet_cooling extra_twin_trainfit --code ../_twins/billet_cooling/yard_cooling.py --val ../billet_cooling/data/train.csv
run billet_cooling extra_cfg --set h_init=10.0 --set eps_init=0.8                # config-only: start at the physical values
run billet_cooling extra_cfg2 --set optimizer='"Nelder-Mead"' --set epochs=2000   # config-only: another optimiser
run billet_cooling extra_cfg3 --set epochs=2000                                   # config-only: more iterations
run soil_incubation plain;     run soil_incubation twin --code ../_twins/soil_incubation/parent_decay.py
run soil_incubation extra_trainfit --val ../soil_incubation/data/train.csv
run soil_incubation extra_twin_trainfit --code ../_twins/soil_incubation/parent_decay.py --val ../soil_incubation/data/train.csv
run soil_incubation extra_init --code ../_twins/soil_incubation/parent_decay_init.py   # plain code, log_k20 started at the generator's rate
$PY -c "
import pandas as pd
tr=pd.read_csv('../soil_incubation/data/train.csv'); va=pd.read_csv('../soil_incubation/data/val.csv')
f=[c for c in tr.columns if c!='parent_mg_kg']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r11b_si_tr_std.csv',index=False); va.to_csv('/tmp/r11b_si_va_std.csv',index=False)"
run soil_incubation extra_standardize --train /tmp/r11b_si_tr_std.csv --val /tmp/r11b_si_va_std.csv   # the contract's `standardize` data repair, on copies
run pasture_regrowth plain
run pasture_regrowth extra_trainfit --val ../pasture_regrowth/data/train.csv

$PY round11_b.py refs
$PY round11_b.py diag
$PY round11_b.py
