#!/bin/bash
# Round 17 (part a): re-runs each program plainly, its corrected twin, the config-only / data-only attempts and
# reference fits; results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 17 (a) ----
run campus_chiller_load plain
run campus_chiller_load twin --code ../_twins/campus_chiller_load/chiller_profile.py
run campus_chiller_load extra_trainfit --val ../campus_chiller_load/data/train.csv
run campus_chiller_load extra_twin_trainfit --code ../_twins/campus_chiller_load/chiller_profile.py --val ../campus_chiller_load/data/train.csv
run campus_chiller_load extra_cfg --set epochs=1000
run campus_chiller_load extra_cfg2 --set max_leaf_nodes=63 --set min_samples_leaf=5
run campus_chiller_load extra_cfg3 --set lr=0.2
run campus_chiller_load extra_ref_linear --code ../_twins/campus_chiller_load/ref_linear.py
run campus_chiller_load extra_ref_gbm --code ../_twins/campus_chiller_load/ref_gbm.py

$PY -c "
import pandas as pd
va=pd.read_csv('../fjord_hydro_inflow/data/val.csv'); c=[f'inflow_lag{k}' for k in range(1,11)]
va[c]=va[c[::-1]].to_numpy(); va.to_csv('/tmp/r17a_fjord_val_fixed.csv',index=False)"
run fjord_hydro_inflow plain
run fjord_hydro_inflow twin --val /tmp/r17a_fjord_val_fixed.csv
run fjord_hydro_inflow extra_trainfit --val ../fjord_hydro_inflow/data/train.csv
run fjord_hydro_inflow extra_cfg --set epochs=60
run fjord_hydro_inflow extra_cfg2 --set hidden_units=32 --set lr=0.001
run fjord_hydro_inflow extra_stdtarget --standardize-target
run fjord_hydro_inflow extra_ref_linear --code ../_twins/fjord_hydro_inflow/ref_linear.py
run fjord_hydro_inflow extra_ref_linear_fixed --code ../_twins/fjord_hydro_inflow/ref_linear.py --val /tmp/r17a_fjord_val_fixed.csv

run toll_bridge_traffic plain
run toll_bridge_traffic extra_epochs1200 --set epochs=1200
run toll_bridge_traffic extra_trainfit --val ../toll_bridge_traffic/data/train.csv
run toll_bridge_traffic extra_ref_linear --code ../_twins/toll_bridge_traffic/ref_linear.py
run toll_bridge_traffic extra_ref_gbm --code ../_twins/toll_bridge_traffic/ref_gbm.py
