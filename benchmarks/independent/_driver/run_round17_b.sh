#!/bin/bash
# Round 17 (part b): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, own reference fits in results/round17_b_refs.json.
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
# standardised copies with the training mean/sd: std NAME TAG COLUMNS... -> /tmp/r17b_NAME_TAG_{tr,va}.csv
std() { name=$1; tag=$2; shift 2; $PY -c "
import sys, pandas as pd
tr = pd.read_csv('../$name/data/train.csv'); va = pd.read_csv('../$name/data/val.csv')
f = sys.argv[1:]; mu = tr[f].mean(); sd = tr[f].std()
tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
tr.to_csv('/tmp/r17b_${name}_${tag}_tr.csv', index=False); va.to_csv('/tmp/r17b_${name}_${tag}_va.csv', index=False)" "$@"; }

# ---- round 17 (b) ----
run germination_lab plain;     run germination_lab twin --code ../_twins/germination_lab/germination.py
std germination_lab all storage_months seed_moisture_pct test_temp_C primed n_seeds
run germination_lab extra_standardize --train /tmp/r17b_germination_lab_all_tr.csv --val /tmp/r17b_germination_lab_all_va.csv
std germination_lab cov storage_months seed_moisture_pct test_temp_C primed
run germination_lab extra_standardize_cov --train /tmp/r17b_germination_lab_cov_tr.csv --val /tmp/r17b_germination_lab_cov_va.csv

run emergency_callouts plain;  run emergency_callouts twin --code ../_twins/emergency_callouts/callout_rates.py
run emergency_callouts extra_cfg_bfgs --set optimizer='"BFGS"'
run emergency_callouts extra_cfg_powell --set optimizer='"Powell"'
run emergency_callouts extra_cfg_neldermead --set optimizer='"Nelder-Mead"'
run emergency_callouts extra_cfg_tnc --set optimizer='"TNC"'
run emergency_callouts extra_cfg_epochs --set epochs=5000 --set gtol=1e-10
std emergency_callouts all month population pct_over_75 deprivation_score density_per_km2
run emergency_callouts extra_standardize --train /tmp/r17b_emergency_callouts_all_tr.csv --val /tmp/r17b_emergency_callouts_all_va.csv
std emergency_callouts cov pct_over_75 deprivation_score density_per_km2
run emergency_callouts extra_standardize_cov --train /tmp/r17b_emergency_callouts_cov_tr.csv --val /tmp/r17b_emergency_callouts_cov_va.csv

run sewer_repairs plain

$PY round17_b.py refs
$PY round17_b.py diag
