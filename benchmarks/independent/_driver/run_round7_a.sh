#!/bin/bash
# Round 7 (part a): re-runs each program plainly, its corrected twin, the config-only and data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, then round7_a_diag.py (results/round7_a_diag.json).
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
# the contract's `standardize` data repair, done on copies: features standardised with the training mean/sd
std_copy() { $PY -c "
import pandas as pd, sys
name, target, out = sys.argv[1:4]
tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
f = [c for c in tr.columns if c != target]; mu = tr[f].mean(); sd = tr[f].std()
tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
tr.to_csv(out + '_tr.csv', index=False); va.to_csv(out + '_va.csv', index=False)" "$@"; }

# ---- round 7 (a) ----
run timber_kiln plain
run timber_kiln twin --code ../_twins/timber_kiln/kiln_net.py
std_copy timber_kiln final_mc_pct /tmp/r7a_tk_std
run timber_kiln extra_std --train /tmp/r7a_tk_std_tr.csv --val /tmp/r7a_tk_std_va.csv
run timber_kiln extra_cfg --set lr=0.0003
run timber_kiln extra_cfg2 --set hidden_units=256

run polymer_flakes plain
run polymer_flakes twin --code ../_twins/polymer_flakes/flake_cnn.py
std_copy polymer_flakes pp_pct /tmp/r7a_pf_std
run polymer_flakes extra_std --train /tmp/r7a_pf_std_tr.csv --val /tmp/r7a_pf_std_va.csv
run polymer_flakes extra_cfg --set lr=0.0001
run polymer_flakes extra_cfg2 --set epochs=120
run polymer_flakes extra_cfg3 --set dropout=0.0

run ev_charging plain
run ev_charging twin --code ../_twins/ev_charging/session_net.py
run ev_charging extra_cfg --set hidden_units=256
run ev_charging extra_cfg2 --set epochs=120
run ev_charging extra_cfg3 --set lr=0.0003

run ambulance_response plain

$PY round7_a_diag.py > results/round7_a_diag.log 2>&1 || echo "FAILED round7_a_diag"
$PY round7_a_refs.py > results/round7_a_refs.log 2>&1 || echo "FAILED round7_a_refs"
