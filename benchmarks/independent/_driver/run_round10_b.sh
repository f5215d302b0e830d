#!/bin/bash
# Round 10 (part b): three likelihood programs (weed_bioassay, mangrove_biomass, broiler_growth): each program's
# plain run, its corrected twin and the extra runs its entry quotes; results in results/<name>_{plain,twin,extra*}.json,
# the part's references in results/round10_b_refs.json, diagnostics in results/round10_b_diag.json.
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

for g in weed_bioassay mangrove_biomass broiler_growth; do $PY gen/$g.py > /dev/null; done

# ---- round 10 (b) ----
run weed_bioassay plain;       run weed_bioassay twin --code ../_twins/weed_bioassay/probit_doses.py
run weed_bioassay extra_trainfit --val ../weed_bioassay/data/train.csv          # plain fit scored on its own training trays
run weed_bioassay extra_twin_trainfit --code ../_twins/weed_bioassay/probit_doses.py --val ../weed_bioassay/data/train.csv
$PY -c "
import pandas as pd
tr=pd.read_csv('../weed_bioassay/data/train.csv'); va=pd.read_csv('../weed_bioassay/data/val.csv')
f=[c for c in tr.columns if c!='dead_plants']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r10b_wb_tr_std.csv',index=False); va.to_csv('/tmp/r10b_wb_va_std.csv',index=False)"
run weed_bioassay extra_standardize --train /tmp/r10b_wb_tr_std.csv --val /tmp/r10b_wb_va_std.csv       # the contract's `standardize` data repair, on copies
run mangrove_biomass plain;    run mangrove_biomass twin --code ../_twins/mangrove_biomass/boxcox_allometry.py
run mangrove_biomass extra_lam0 --code ../_twins/mangrove_biomass/boxcox_allometry_lam0.py        # plain code, lam fixed at 0 by its bounds
run mangrove_biomass extra_bound05 --code ../_twins/mangrove_biomass/boxcox_allometry_bound05.py  # plain code, lam bounded below by -0.5
run mangrove_biomass extra_trainfit --val ../mangrove_biomass/data/train.csv
$PY -c "
import pandas as pd
tr=pd.read_csv('../mangrove_biomass/data/train.csv'); va=pd.read_csv('../mangrove_biomass/data/val.csv')
f=[c for c in tr.columns if c!='agb_kg']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r10b_mb_tr_std.csv',index=False); va.to_csv('/tmp/r10b_mb_va_std.csv',index=False)"
run mangrove_biomass extra_standardize --train /tmp/r10b_mb_tr_std.csv --val /tmp/r10b_mb_va_std.csv   # the contract's `standardize` data repair, on copies
run broiler_growth plain
run broiler_growth extra_trainfit --val ../broiler_growth/data/train.csv

$PY round10_b_refs.py > /dev/null
$PY round10_b.py diag
$PY round10_b.py
