#!/bin/bash
# Round 8 (part b): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, plus results/round8_b_diag.json (diagnostics the entries quote).
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# the contract's `standardize` data repair, emulated on copies: features standardised with training statistics
stdcopy() {  # name prefix
$PY -c "
import pandas as pd, tomllib
spec = tomllib.load(open('../$1/spec.toml', 'rb')); t = spec['data']['target']
tr = pd.read_csv('../$1/data/train.csv'); va = pd.read_csv('../$1/data/val.csv')
f = [c for c in tr.columns if c != t]; mu = tr[f].mean(); sd = tr[f].std()
tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
tr.to_csv('/tmp/r8b_$2_tr_std.csv', index=False); va.to_csv('/tmp/r8b_$2_va_std.csv', index=False)"
}

# ---- round 8 (b) ----
run school_electricity plain
run school_electricity twin --code ../_twins/school_electricity/school_gbm.py
run school_electricity extra_cfg --set l2_regularization=10.0 --set min_samples_leaf=100
run school_electricity extra_cfg2 --set epochs=5
stdcopy school_electricity se
run school_electricity extra_std --train /tmp/r8b_se_tr_std.csv --val /tmp/r8b_se_va_std.csv

run compressed_air plain
run compressed_air twin --code ../_twins/compressed_air/air_net.py
run compressed_air extra_cfg --set epochs=200
run compressed_air extra_cfg2 --set hidden_units=128
run compressed_air extra_cfg3 --set lr=0.0003
stdcopy compressed_air ca
run compressed_air extra_std --train /tmp/r8b_ca_tr_std.csv --val /tmp/r8b_ca_va_std.csv
run compressed_air extra_stdtarget --standardize-target

run lake_chlorophyll plain
run lake_chlorophyll twin --code ../_twins/lake_chlorophyll/chl_mlp.py
stdcopy lake_chlorophyll lc
run lake_chlorophyll extra_std --train /tmp/r8b_lc_tr_std.csv --val /tmp/r8b_lc_va_std.csv
run lake_chlorophyll extra_stdtarget --standardize-target

$PY round8_b_diag.py
