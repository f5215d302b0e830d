#!/bin/bash
# Round 13 (part b): three programs on grouped data (cell_towers, dialysis_sessions, maize_fields); re-runs each
# plainly, its corrected twin and the config-only / data-only attempts; results in results/<name>_{plain,twin,extra*}.json.
# Same driver and conventions as run_round4_a.sh; `round13_b.py refs` and `round13_b.py diag` write
# results/round13_b_refs.json and results/round13_b_diag.json, `round13_b.py` checks the quoted numbers.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
# the contract's `standardize` data repair, emulated on copies: every feature column (group codes included)
# standardised with the training mean/sd
stdcopy() { $PY -c "
import pandas as pd, sys
tr=pd.read_csv('../$1/data/train.csv'); va=pd.read_csv('../$1/data/val.csv')
f=[c for c in tr.columns if c!='$2']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r13b_$1_tr_std.csv',index=False); va.to_csv('/tmp/r13b_$1_va_std.csv',index=False)"; }

# ---- round 13 (b) ----
run cell_towers plain;        run cell_towers twin --set n_buckets=10000
run cell_towers extra_cfg --set n_buckets=128
run cell_towers extra_cfg2 --set hidden_units=256
run cell_towers extra_cfg3 --set epochs=200
run cell_towers extra_cfg4 --set emb_dim=32
run cell_towers extra_trainfit --val ../cell_towers/data/train.csv            # plain model scored on its own training rows
run cell_towers extra_twin_trainfit --set n_buckets=10000 --val ../cell_towers/data/train.csv
stdcopy cell_towers traffic_GB
run cell_towers extra_standardize --train /tmp/r13b_cell_towers_tr_std.csv --val /tmp/r13b_cell_towers_va_std.csv

run dialysis_sessions plain;  run dialysis_sessions twin --code ../_twins/dialysis_sessions/sbp_model.py
run dialysis_sessions extra_cfg --set alpha=1.0
run dialysis_sessions extra_cfg2 --set epochs=100
run dialysis_sessions extra_cfg3 --set lr=0.001
run dialysis_sessions extra_standardize_target --standardize-target
run dialysis_sessions extra_trainfit --val ../dialysis_sessions/data/train.csv
$PY -c "
import pandas as pd
va=pd.read_csv('../dialysis_sessions/data/val.csv'); tr=pd.read_csv('../dialysis_sessions/data/train.csv')
va[va.patient_id.isin(tr.patient_id)].to_csv('/tmp/r13b_ds_va_known.csv', index=False)
va[~va.patient_id.isin(tr.patient_id)].to_csv('/tmp/r13b_ds_va_new.csv', index=False)"
run dialysis_sessions extra_val_known --val /tmp/r13b_ds_va_known.csv        # plain model, validation rows of the 25 known patients
run dialysis_sessions extra_val_new --val /tmp/r13b_ds_va_new.csv            # plain model, validation rows of the 20 new patients
run dialysis_sessions extra_twin_val_new --code ../_twins/dialysis_sessions/sbp_model.py --val /tmp/r13b_ds_va_new.csv
stdcopy dialysis_sessions sbp_mmHg
run dialysis_sessions extra_standardize --train /tmp/r13b_dialysis_sessions_tr_std.csv --val /tmp/r13b_dialysis_sessions_va_std.csv

run maize_fields plain
run maize_fields extra_cfg --set tau_init=0.1 --set sigma_init=3.0      # other starting values
run maize_fields extra_trainfit --val ../maize_fields/data/train.csv

$PY round13_b.py refs
$PY round13_b.py diag
$PY round13_b.py
