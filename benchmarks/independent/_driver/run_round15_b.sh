#!/bin/bash
# Round 15 (part b): three programs on tables with categorical columns (potato_trials, maternity_stays,
# rehab_referrals). Re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, the part's references and diagnostics in
# results/round15_b_refs.json and results/round15_b_diag.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
for g in potato_trials maternity_stays rehab_referrals; do $PY gen/$g.py > /dev/null; done

# ---- potato_trials: config fault (weight_decay on the variety/soil indicators) ----
run potato_trials plain
run potato_trials twin --set weight_decay=0.0005
run potato_trials extra_cfg --set weight_decay=0.05                  # config-only: a 10x smaller shrinkage
run potato_trials extra_cfg2 --set weight_decay=0.005                # config-only: a 100x smaller shrinkage
run potato_trials extra_cfg3 --set epochs=2000                       # config-only: longer training, shrinkage kept
run potato_trials extra_cfg4 --set weight_decay=0.0                  # config-only: no shrinkage at all
run potato_trials extra_stdtarget --standardize-target               # data-only: the contract's standardize_target
run potato_trials extra_trainfit --val ../potato_trials/data/train.csv
run potato_trials extra_twin_trainfit --set weight_decay=0.0005 --val ../potato_trials/data/train.csv

# ---- maternity_stays: code fault (unit_code among the numeric columns) ----
run maternity_stays plain
run maternity_stays twin --code ../_twins/maternity_stays/stay_glm.py
run maternity_stays extra_cfg --set alpha=0.0                        # config-only: no penalty
run maternity_stays extra_cfg2 --set alpha=1.0                       # config-only: strong penalty
run maternity_stays extra_cfg3 --set max_iter=3000 --set tol=1e-10   # config-only: tighter solver
$PY -c "
import numpy as np, pandas as pd
tr=pd.read_csv('../maternity_stays/data/train.csv'); va=pd.read_csv('../maternity_stays/data/val.csv')
f=[c for c in tr.columns if c!='los_hours']; mu=tr[f].mean(); sd=tr[f].std()
# float32-exact values, so that the driver's float32 validation array equals the file
for d, out in ((tr, '/tmp/r15b_ms_tr_std.csv'), (va, '/tmp/r15b_ms_va_std.csv')):
    d=d.copy(); d[f]=((d[f]-mu)/sd).astype(np.float32).astype(np.float64); d.to_csv(out, index=False, float_format='%.17g')"
run maternity_stays extra_standardize --train /tmp/r15b_ms_tr_std.csv --val /tmp/r15b_ms_va_std.csv   # the contract's `standardize` repair, on copies
run maternity_stays extra_trainfit --val ../maternity_stays/data/train.csv
run maternity_stays extra_twin_trainfit --code ../_twins/maternity_stays/stay_glm.py --val ../maternity_stays/data/train.csv

# ---- rehab_referrals: healthy ----
run rehab_referrals plain
run rehab_referrals extra_seed1 --set seed=1
run rehab_referrals extra_trainfit --val ../rehab_referrals/data/train.csv

$PY round15_b.py refs
$PY round15_b.py diag
$PY round15_b.py
