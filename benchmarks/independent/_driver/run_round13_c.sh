#!/bin/bash
# Round 13 (part c): re-runs each program plainly, its corrected twin and the config-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 13 (c) ----
for g in tram_traction sugarbeet_sucrose avalanche_bulletin; do $PY gen/$g.py > /dev/null; done
$PY round13_c_refs.py > /dev/null
run tram_traction plain;       run tram_traction twin --code ../_twins/tram_traction/traction_net.py
run tram_traction extra_cfg --set lr=0.00625                  # 0.05 / accum_steps
run tram_traction extra_cfg2 --set accum_steps=1
run tram_traction extra_cfg3 --set lr=0.01
run tram_traction extra_cfg4 --set warmup_epochs=10
run sugarbeet_sucrose plain;   run sugarbeet_sucrose twin --code ../_twins/sugarbeet_sucrose/sucrose_net.py
run sugarbeet_sucrose extra_cfg --set dropout=0.0
run sugarbeet_sucrose extra_cfg2 --set dropout=0.2
run sugarbeet_sucrose extra_cfg3 --set weight_decay=0.001
run sugarbeet_sucrose extra_cfg4 --set epochs=300 --set early_stopping_patience=40
run sugarbeet_sucrose extra_twin_cfg --code ../_twins/sugarbeet_sucrose/sucrose_net.py --set dropout=0.0
run avalanche_bulletin plain
