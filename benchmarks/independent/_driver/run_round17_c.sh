#!/bin/bash
# Round 17 (part c): scikit-learn pipelines on mixed tabular data (numeric and categorical columns, missing values).
# Re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
# Then `python round17_c.py refs` writes the authors' own references (results/round17_c_refs.json)
# and `python round17_c.py` checks the quoted numbers.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
for g in warehouse_picking grain_intake_grades cottage_lettings; do $PY gen/$g.py > /dev/null; done

# the contract's `standardize` data repair, emulated on copies: features standardised with the training mean/sd
# (NaN kept, categorical codes standardised too), values rounded to float32 so that the driver's float32
# validation array matches the training codes exactly
stdz() { $PY -c "
import sys, numpy as np, pandas as pd
prog, target, out = sys.argv[1:4]
tr = pd.read_csv(f'../{prog}/data/train.csv'); va = pd.read_csv(f'../{prog}/data/val.csv')
f = [c for c in tr.columns if c != target]; mu = tr[f].mean(); sd = tr[f].std()
for d in (tr, va): d[f] = ((d[f] - mu) / sd).astype(np.float32).astype(float)
tr.to_csv(f'/tmp/{out}_tr_std.csv', index=False); va.to_csv(f'/tmp/{out}_va_std.csv', index=False)" "$@"; }

# ---- round 17 (c) ----
run warehouse_picking plain
run warehouse_picking twin --code ../_twins/warehouse_picking/pick_time_svr.py
run warehouse_picking extra_cfg --set C=1000.0
run warehouse_picking extra_cfg2 --set gamma=1.0
run warehouse_picking extra_cfg3 --set epsilon=0.1 --set C=300.0
stdz warehouse_picking pick_time_min r17c_wp
run warehouse_picking extra_standardize --train /tmp/r17c_wp_tr_std.csv --val /tmp/r17c_wp_va_std.csv
run warehouse_picking extra_trainfit --val ../warehouse_picking/data/train.csv
run warehouse_picking extra_twin_trainfit --code ../_twins/warehouse_picking/pick_time_svr.py --val ../warehouse_picking/data/train.csv

run grain_intake_grades plain
run grain_intake_grades twin --set weight_decay=1.0
run grain_intake_grades extra_cfg --set weight_decay=3.0
run grain_intake_grades extra_cfg2 --set weight_decay=0.001
run grain_intake_grades extra_cfg3 --set lr=0.03
run grain_intake_grades extra_cfg4 --set hidden_units=128
run grain_intake_grades extra_cfg5 --set epochs=200 --set early_stopping_patience=200
stdz grain_intake_grades grade r17c_gi
run grain_intake_grades extra_standardize --train /tmp/r17c_gi_tr_std.csv --val /tmp/r17c_gi_va_std.csv

run cottage_lettings plain
run cottage_lettings extra_cfg --set epochs=800
run cottage_lettings extra_trainfit --val ../cottage_lettings/data/train.csv

$PY round17_c.py refs
$PY round17_c.py
