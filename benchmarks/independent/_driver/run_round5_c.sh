#!/bin/bash
# Round 5 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 5 (c) ----
run hive_acoustics plain
run hive_acoustics twin --code ../_twins/hive_acoustics/hive_net.py
run hive_acoustics extra_cfg --set early_stopping_patience=30
run hive_acoustics extra_cfg2 --set lr=0.01
run hive_acoustics extra_cfg3 --set batch_size=8

run hospital_chiller plain
run hospital_chiller twin --code ../_twins/hospital_chiller/chiller_power.py
run hospital_chiller extra_cfg --set lr=0.03
run hospital_chiller extra_cfg2 --set epochs=150

run solar_park plain
$PY -c "
import pandas as pd, numpy as np
tr=pd.read_csv('../solar_park/data/train.csv'); va=pd.read_csv('../solar_park/data/val.csv'); g='poa_irradiance_wm2'
fx=tr.copy(); fx.loc[:442, g]=(fx.loc[:442, g]/3.6).round(1); fx.to_csv('/tmp/sp_tr_fixed.csv', index=False)   # file lines 2-444: the old logger's rows
tr[tr[g] <= 1361].to_csv('/tmp/sp_tr_drop1361.csv', index=False)
tr.iloc[443:].to_csv('/tmp/sp_tr_dropblock.csv', index=False)
f=[c for c in tr.columns if c!='ac_power_kw']; mu=tr[f].mean(); sd=tr[f].std()
s=tr.copy(); v=va.copy(); s[f]=(s[f]-mu)/sd; v[f]=(v[f]-mu)/sd; s.to_csv('/tmp/sp_tr_std.csv',index=False); v.to_csv('/tmp/sp_va_std.csv',index=False)"
run solar_park twin --train /tmp/sp_tr_fixed.csv
run solar_park extra_std --train /tmp/sp_tr_std.csv --val /tmp/sp_va_std.csv
run solar_park extra_drop1361 --train /tmp/sp_tr_drop1361.csv
run solar_park extra_dropblock --train /tmp/sp_tr_dropblock.csv
run solar_park extra_cfg --set n_knots=16
run solar_park extra_trainfit --val ../solar_park/data/train.csv         # plain fit scored on its own training rows
run solar_park extra_twin_trainfit --train /tmp/sp_tr_fixed.csv --val /tmp/sp_tr_fixed.csv

run alpine_snowpack plain
