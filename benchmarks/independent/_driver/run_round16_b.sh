#!/bin/bash
# Round 16 (part b): three dynamic / mechanistic models fitted to data (yoghurt_vats, tank_chlorine, polder_lakes).
# Re-runs each program plainly, its corrected twin and the config-only / re-parameterisation attempts; results in
# results/<name>_{plain,twin,extra*}.json, the part's own reference fits in results/round16_b_refs.json.
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
for g in yoghurt_vats tank_chlorine polder_lakes; do $PY gen/$g.py > /dev/null; done

# ---- yoghurt_vats: code fault (explicit Euler step of one hour) ----
run yoghurt_vats plain
run yoghurt_vats twin --code ../_twins/yoghurt_vats/acidification.py
run yoghurt_vats extra_cfg --set epochs=2000                         # config-only: longer training
run yoghurt_vats extra_cfg2 --set lr=0.02                            # config-only: smaller lr
run yoghurt_vats extra_cfg3 --set lr=0.3                             # config-only: larger lr
run yoghurt_vats extra_trainfit --val ../yoghurt_vats/data/train.csv # the plain model on its own training vats

# ---- tank_chlorine: code fault (hours used in a per-day rate law) ----
run tank_chlorine plain
run tank_chlorine twin --code ../_twins/tank_chlorine/bulk_decay.py
run tank_chlorine extra_logparams --code ../_twins/tank_chlorine/bulk_decay_logparams.py   # the contract's log-transform repair, emulated
run tank_chlorine extra_widebounds --code ../_twins/tank_chlorine/bulk_decay_widebounds.py # diagnostic: rate bounds lowered 100-fold
run tank_chlorine extra_trainfit --val ../tank_chlorine/data/train.csv

# ---- polder_lakes: healthy ----
run polder_lakes plain
run polder_lakes extra_inits --set v_s_init=2.0 --set r20_init=60.0 --set theta_init=1.2   # other starting values
run polder_lakes extra_trainfit --val ../polder_lakes/data/train.csv

$PY round16_b.py refs
$PY round16_b.py
