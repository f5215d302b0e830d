#!/bin/bash
# Round 14 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json; reference fits and diagnostics in results/round14_a_refs.json
# (round14_a.py refs). Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 14 (a) ----
for g in trailhead_counts pothole_reports highland_rainfall; do $PY gen/$g.py > /dev/null; done

run trailhead_counts plain
run trailhead_counts twin --code ../_twins/trailhead_counts/hiker_net.py
run trailhead_counts extra_cfg --set lr=0.01
run trailhead_counts extra_cfg2 --set epochs=150
run trailhead_counts extra_cfg3 --set hidden_units=128
run trailhead_counts extra_std_target --standardize-target          # the contract's standardize_target data repair
$PY -c "
import pandas as pd
tr=pd.read_csv('../trailhead_counts/data/train.csv'); va=pd.read_csv('../trailhead_counts/data/val.csv')
f=[c for c in tr.columns if c!='hikers']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/th_tr_std.csv',index=False); va.to_csv('/tmp/th_va_std.csv',index=False)"
run trailhead_counts extra_std --train /tmp/th_tr_std.csv --val /tmp/th_va_std.csv   # the contract's standardize repair
run trailhead_counts extra_trainfit --val ../trailhead_counts/data/train.csv
run trailhead_counts extra_twin_trainfit --code ../_twins/trailhead_counts/hiker_net.py --val ../trailhead_counts/data/train.csv

run pothole_reports plain
run pothole_reports twin --code ../_twins/pothole_reports/pothole_keras.py
run pothole_reports extra_cfg --set lr=0.01
run pothole_reports extra_cfg2 --set early_stopping_patience=150
run pothole_reports extra_cfg3 --set epochs=400 --set early_stopping_patience=400
run pothole_reports extra_std_target --standardize-target           # the contract's standardize_target data repair
run pothole_reports extra_trainfit --val ../pothole_reports/data/train.csv

run highland_rainfall plain
run highland_rainfall extra_trainfit --val ../highland_rainfall/data/train.csv
run highland_rainfall extra_cfg --set n_knots=8

$PY round14_a.py refs
$PY round14_a.py
