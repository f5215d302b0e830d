#!/bin/bash
# Round 16 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh;
# round16_a_diag.py then writes results/round16_a_diag.json (references and prediction counts the entries quote).
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
T=${TMPDIR:-/tmp}/round16_a; mkdir -p $T

# ---- round 16 (a) ----
run delta_landcover plain
run delta_landcover twin --code ../_twins/delta_landcover/landcover_net.py
run delta_landcover extra_cfg --set hidden_units=256
run delta_landcover extra_cfg2 --set epochs=150
run delta_landcover extra_cfg3 --set lr=0.0003
run delta_landcover extra_cfg4 --set weight_decay=0.01
$PY -c "
import pandas as pd
tr=pd.read_csv('../delta_landcover/data/train.csv'); va=pd.read_csv('../delta_landcover/data/val.csv')
f=[c for c in tr.columns if c!='land_cover']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('$T/dl_tr_std.csv',index=False); va.to_csv('$T/dl_va_std.csv',index=False)"
run delta_landcover extra_std --train $T/dl_tr_std.csv --val $T/dl_va_std.csv      # the `standardize` data repair
run delta_landcover extra_trainfit --val ../delta_landcover/data/train.csv           # plain model scored on its own training pixels
run delta_landcover extra_twin_trainfit --code ../_twins/delta_landcover/landcover_net.py --val ../delta_landcover/data/train.csv

run station_weather_types plain
run station_weather_types twin --set epsilon=1e-07                                 # Keras' default epsilon
run station_weather_types extra_cfg --set lr=0.1                                    # epsilon 1.0 kept
run station_weather_types extra_cfg2 --set lr=0.01
run station_weather_types extra_cfg3 --set epochs=100

run shrew_skulls plain
run shrew_skulls extra_cfg --set shrinkage='"auto"'
run shrew_skulls extra_trainfit --val ../shrew_skulls/data/train.csv

$PY round16_a_diag.py
