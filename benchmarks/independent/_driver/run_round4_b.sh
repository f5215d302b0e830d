#!/bin/bash
# Round 4 (part b): re-runs each program plainly, its corrected twin and the config/data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json (same driver and conventions as the round-3 block of run_all.sh)
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
run store_footfall plain;      run store_footfall twin --code ../_twins/store_footfall/footfall_net.py
$PY -c "
import pandas as pd
tr=pd.read_csv('../store_footfall/data/train.csv'); va=pd.read_csv('../store_footfall/data/val.csv')
f=[c for c in tr.columns if c!='footfall']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/sf_tr_std.csv',index=False); va.to_csv('/tmp/sf_va_std.csv',index=False)"
run store_footfall extra_standardize --train /tmp/sf_tr_std.csv --val /tmp/sf_va_std.csv
run store_footfall extra_cfg --set weight_decay=0.01
run leaf_disease plain;        run leaf_disease twin --code ../_twins/leaf_disease/leaf_classifier.py
run leaf_disease extra_cfg --set momentum=0.9
run leaf_disease extra_cfg2 --set epochs=100
run leaf_disease extra_cfg3 --set lr=0.05
run leaf_disease extra_twin_momentum --code ../_twins/leaf_disease/leaf_classifier.py --set momentum=0.9
run rainfall_runoff plain;     run rainfall_runoff twin --set alpha=10.0
run rainfall_runoff extra_cfg --set alpha=1000.0
run rainfall_runoff extra_cfg2 --set degree=2
run turbine_icing plain;       run turbine_icing twin --code ../_twins/turbine_icing/icing_logit.py
run turbine_icing extra_ridge --code ../_twins/turbine_icing/icing_logit_ridge_groupmean.py
run turbine_icing extra_nodetector --code ../_twins/turbine_icing/icing_logit_nodetector.py
run glucose_monitor plain;     run glucose_monitor twin --set lr=0.05
run glucose_monitor extra_cfg --set clip_grad_norm=1.0
run glucose_monitor extra_cfg2 --set lr=0.5
run paper_mill plain
