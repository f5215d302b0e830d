#!/bin/bash
# Round 5 (part b): re-runs each program plainly, its corrected twin and the config/data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json (same driver and conventions as run_round4_a.sh)
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 5 (b) ----
run ferry_fuel plain;         run ferry_fuel twin --code ../_twins/ferry_fuel/fuel_moe.py
run ferry_fuel extra_cfg --set n_experts=1
run ferry_fuel extra_cfg2 --set lr=0.0003
run ferry_fuel extra_cfg3 --set batch_size=400        # the driver scores validation in one batch of 400 rows
run ferry_fuel extra_cfg4 --set weight_decay=0.01
run ferry_fuel extra_trainfit --val ../ferry_fuel/data/train.csv          # plain model scored on its own training rows (one batch of 1200)
run conveyor_gearbox plain;   run conveyor_gearbox twin --code ../_twins/conveyor_gearbox/gearbox_gru.py
run conveyor_gearbox extra_cfg --set lr=0.003125      # lr / batch_size
run conveyor_gearbox extra_cfg2 --set lr=0.01
run conveyor_gearbox extra_cfg3 --set momentum=0.0
run pond_oxygen plain;        run pond_oxygen twin --code ../_twins/pond_oxygen/oxygen_net.py
run pond_oxygen extra_cfg --set hidden_units=128
run pond_oxygen extra_cfg2 --set epochs=200
run pond_oxygen extra_cfg3 --set weight_decay=0.01
run pond_oxygen extra_stdtarget --standardize-target
run city_rides plain
