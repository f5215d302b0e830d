#!/bin/bash
# Round 9 (part b): re-runs each program plainly, its corrected twin, the config-only and data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, then round9_b.py writes results/round9_b_diag.json
# (reference fits, fitted kernels) and checks the quoted numbers. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 9 (b) ----
run soil_carbon plain;         run soil_carbon twin --code ../_twins/soil_carbon/soc_knn.py
$PY -c "
import pandas as pd
tr=pd.read_csv('../soil_carbon/data/train.csv'); va=pd.read_csv('../soil_carbon/data/val.csv')
f=[c for c in tr.columns if c!='soc_pct']; mu=tr[f].mean(); sd=tr[f].std()
# values rounded to float32 so that the driver's float32 copy of the validation features keeps the standardised land-use codes
# equal to the training ones (otherwise the one-hot encoder meets 'unknown' categories in every validation row)
tr[f]=((tr[f]-mu)/sd).astype('float32').astype(float); va[f]=((va[f]-mu)/sd).astype('float32').astype(float)
tr.to_csv('/tmp/r9b_sc_tr_std.csv',index=False); va.to_csv('/tmp/r9b_sc_va_std.csv',index=False)"
run soil_carbon extra_standardize --train /tmp/r9b_sc_tr_std.csv --val /tmp/r9b_sc_va_std.csv   # the contract's `standardize` data repair, code unchanged
$PY -c "
import pandas as pd
tr=pd.read_csv('../soil_carbon/data/train.csv'); va=pd.read_csv('../soil_carbon/data/val.csv')
f=[c for c in tr.columns if c!='soc_pct']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r9b_sc_tr_std64.csv',index=False); va.to_csv('/tmp/r9b_sc_va_std64.csv',index=False)"
run soil_carbon extra_standardize64 --train /tmp/r9b_sc_tr_std64.csv --val /tmp/r9b_sc_va_std64.csv   # same in float64: the driver's float32 validation copy no longer matches the codes
run soil_carbon extra_cfg --set n_neighbors=30
run soil_carbon extra_cfg2 --set weights='"uniform"'
run soil_carbon extra_cfg3 --set p=1
run soil_carbon extra_cfg4 --set n_neighbors=3
run soil_carbon extra_trainfit --val ../soil_carbon/data/train.csv                              # plain model scored on its own training rows
run soil_carbon extra_twin_trainfit --code ../_twins/soil_carbon/soc_knn.py --val ../soil_carbon/data/train.csv

run office_retrofit plain;     run office_retrofit twin --code ../_twins/office_retrofit/eui_surrogate.py
run office_retrofit extra_standardize_target --standardize-target                              # the contract's `standardize_target` data repair, code unchanged
$PY -c "
import pandas as pd
tr=pd.read_csv('../office_retrofit/data/train.csv'); va=pd.read_csv('../office_retrofit/data/val.csv')
f=[c for c in tr.columns if c!='eui_kwh_m2']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r9b_or_tr_std.csv',index=False); va.to_csv('/tmp/r9b_or_va_std.csv',index=False)"
run office_retrofit extra_standardize --train /tmp/r9b_or_tr_std.csv --val /tmp/r9b_or_va_std.csv   # the contract's `standardize` (features) data repair
run office_retrofit extra_cfg --set noise_level=300.0
run office_retrofit extra_cfg2 --set length_scale=10.0
run office_retrofit extra_cfg3 --set n_restarts=6

run hillslope_stability plain
run hillslope_stability extra_cfg --set C=1.0
run hillslope_stability extra_cfg2 --set C=100.0
run hillslope_stability extra_trainfit --val ../hillslope_stability/data/train.csv                 # scored on its own training rows

$PY round9_b.py diag
$PY round9_b.py
