#!/bin/bash
# Round 15 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
T=${TMPDIR:-/tmp}/round15_a; mkdir -p $T

# ---- round 15 (a) ----
run mill_river_stage plain
run mill_river_stage twin --code ../_twins/mill_river_stage/stage_cnn.py
run mill_river_stage extra_cfg --set epochs=120
run mill_river_stage extra_cfg2 --set weight_decay=0.001
run mill_river_stage extra_cfg3 --set lr=0.0005
$PY -c "
import pandas as pd
tr=pd.read_csv('../mill_river_stage/data/train.csv'); va=pd.read_csv('../mill_river_stage/data/val.csv')
f=[c for c in tr.columns if c!='stage_m']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('$T/mrs_tr_std.csv',index=False); va.to_csv('$T/mrs_va_std.csv',index=False)"
run mill_river_stage extra_std --train $T/mrs_tr_std.csv --val $T/mrs_va_std.csv     # the `standardize` data repair
run mill_river_stage extra_stdtarget --standardize-target                             # the `standardize_target` data repair

run parcel_hub_volume plain
$PY -c "
import pandas as pd
va=pd.read_csv('../parcel_hub_volume/data/val.csv'); va['day_of_week']=va['day_of_week']-1
va.to_csv('$T/phv_va_fixed.csv',index=False)"
run parcel_hub_volume twin --val $T/phv_va_fixed.csv                                  # weekdays recoded to the training file's 0 = Monday
run parcel_hub_volume extra_cfg --set weight_decay=0.001
run parcel_hub_volume extra_cfg2 --set hidden_units=16
run parcel_hub_volume extra_cfg3 --set early_stopping_patience=5
$PY -c "
import pandas as pd
tr=pd.read_csv('../parcel_hub_volume/data/train.csv'); va=pd.read_csv('../parcel_hub_volume/data/val.csv')
f=[c for c in tr.columns if c!='parcels']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('$T/phv_tr_std.csv',index=False); va.to_csv('$T/phv_va_std.csv',index=False)"
run parcel_hub_volume extra_std --train $T/phv_tr_std.csv --val $T/phv_va_std.csv   # the `standardize` data repair

run substation_feeder_load plain
