#!/bin/bash
# Round 6 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 6 (a) ----
run borehole_levels plain
run borehole_levels twin --code ../_twins/borehole_levels/level_net.py          # forward = yesterday's level + change
run borehole_levels extra_cfg --set epochs=150
run borehole_levels extra_cfg2 --set lr=0.0003
run borehole_levels extra_cfg3 --set hidden_units=128
run borehole_levels extra_stdtarget --standardize-target                       # the contract's standardize_target repair
$PY -c "
import pandas as pd
tr=pd.read_csv('../borehole_levels/data/train.csv'); va=pd.read_csv('../borehole_levels/data/val.csv')
f=[c for c in tr.columns if c!='level_m']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r6a_bl_tr_std.csv',index=False); va.to_csv('/tmp/r6a_bl_va_std.csv',index=False)"
run borehole_levels extra_std --train /tmp/r6a_bl_tr_std.csv --val /tmp/r6a_bl_va_std.csv   # the contract's standardize repair

run bike_docks plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../bike_docks/data/train.csv'); s=tr['trips']
# the lag columns recomputed from the file's own (contiguous, daily) trips column; the first 7 days lose their lags
tr['trips_lag1']=s.shift(1); tr['trips_lag7']=s.shift(7); tr['trips_7d_mean']=s.rolling(7).mean().shift(1).round(1)
tr.iloc[7:].to_csv('/tmp/r6a_bd_tr_fixed.csv',index=False)
va=pd.read_csv('../bike_docks/data/val.csv')
tr=pd.read_csv('../bike_docks/data/train.csv'); f=[c for c in tr.columns if c!='trips']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr['day_of_week']=pd.read_csv('../bike_docks/data/train.csv')['day_of_week']; va['day_of_week']=pd.read_csv('../bike_docks/data/val.csv')['day_of_week']
tr.to_csv('/tmp/r6a_bd_tr_std.csv',index=False); va.to_csv('/tmp/r6a_bd_va_std.csv',index=False)
tr=pd.read_csv('../bike_docks/data/train.csv'); va=pd.read_csv('../bike_docks/data/val.csv')
tr.drop(columns='trips_lag1').to_csv('/tmp/r6a_bd_tr_nolag1.csv',index=False); va.drop(columns='trips_lag1').to_csv('/tmp/r6a_bd_va_nolag1.csv',index=False)"
run bike_docks twin --train /tmp/r6a_bd_tr_fixed.csv
run bike_docks extra_std --train /tmp/r6a_bd_tr_std.csv --val /tmp/r6a_bd_va_std.csv   # standardize (day_of_week kept as category codes)
run bike_docks extra_cfg --set min_samples_leaf=100
run bike_docks extra_cfg2 --set l2_regularization=10.0
run bike_docks extra_cfg3 --set epochs=50
run bike_docks extra_nolag1 --train /tmp/r6a_bd_tr_nolag1.csv --val /tmp/r6a_bd_va_nolag1.csv
run bike_docks extra_trainfit --val ../bike_docks/data/train.csv                 # plain model scored on its own training rows
run bike_docks extra_twin_trainfit --train /tmp/r6a_bd_tr_fixed.csv --val /tmp/r6a_bd_tr_fixed.csv

run call_centre plain
run call_centre twin --set lr=0.003
run call_centre extra_cfg --set lr=0.0001
run call_centre extra_cfg2 --set epochs=120
run call_centre extra_stdtarget --standardize-target                            # the contract's standardize_target repair

run grid_demand plain
