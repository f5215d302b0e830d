#!/bin/bash
# Round 11 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, then the authors' reference fits and diagnostics
# (results/round11_a_diag.json). Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
# features standardised with the training mean/sd on copies (what the contract's `standardize` data repair does)
stdcopy() { $PY -c "
import pandas as pd, sys
name, t, tag = sys.argv[1:4]
tr=pd.read_csv(f'../{name}/data/train.csv'); va=pd.read_csv(f'../{name}/data/val.csv')
f=[c for c in tr.columns if c!=t]; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd
tr.to_csv(f'/tmp/{tag}_tr_std.csv',index=False); va.to_csv(f'/tmp/{tag}_va_std.csv',index=False)" "$@"; }

# ---- round 11 (a) ----
for g in stream_temperature county_water_use feeder_outages; do $PY gen/$g.py > /dev/null; done

run stream_temperature plain
run stream_temperature twin --code ../_twins/stream_temperature/water_temp_spline.py
run stream_temperature extra_smooth5 --set smoothing=5.0
run stream_temperature extra_smooth60 --set smoothing=60.0
run stream_temperature extra_deg1 --set degree=1
run stream_temperature extra_iter1 --set iterations=1
stdcopy stream_temperature water_temp_C r11st
run stream_temperature extra_standardize --train /tmp/r11st_tr_std.csv --val /tmp/r11st_va_std.csv
run stream_temperature extra_stdtarget --standardize-target
run stream_temperature extra_trainfit --val ../stream_temperature/data/train.csv      # plain curve scored on its own training weeks

run county_water_use plain
run county_water_use twin --set min_samples_leaf=2
run county_water_use extra_leaf1 --set min_samples_leaf=1
run county_water_use extra_leaf10 --set min_samples_leaf=10
run county_water_use extra_depth --set max_depth=8
run county_water_use extra_trees --set n_estimators=1000
stdcopy county_water_use water_use_lpcd r11cw
run county_water_use extra_standardize --train /tmp/r11cw_tr_std.csv --val /tmp/r11cw_va_std.csv
run county_water_use extra_trainfit --val ../county_water_use/data/train.csv          # plain forest scored on its own training counties

run feeder_outages plain
run feeder_outages extra_trainfit --val ../feeder_outages/data/train.csv

$PY round11_a_diag.py > results/round11_a_diag.log 2>&1 || echo "FAILED round11_a_diag"
