#!/bin/bash
# Round 13 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, reference fits in results/round13_a_refs.json (round13_a.py refs).
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 13 (a) ----
for g in silage_clamps staff_survey tunnel_air; do $PY gen/$g.py > /dev/null; done

run silage_clamps plain
$PY -c "
import numpy as np, pandas as pd
tr=pd.read_csv('../silage_clamps/data/train.csv'); va=pd.read_csv('../silage_clamps/data/val.csv')
T='dry_matter_pct'; ext=[c for c in va.columns if c!=T and int(c[1:])>=1700]
fx=va.copy(); fx[ext]=(-np.log10(fx[ext]/100)).round(5); fx.to_csv('/tmp/sc_va_fixed.csv', index=False)
f=[c for c in tr.columns if c!=T]; mu=tr[f].mean(); sd=tr[f].std()
a=tr.copy(); b=va.copy(); a[f]=(a[f]-mu)/sd; b[f]=(b[f]-mu)/sd; a.to_csv('/tmp/sc_tr_std.csv', index=False); b.to_csv('/tmp/sc_va_std.csv', index=False)
tr.drop(columns=ext).to_csv('/tmp/sc_tr_noext.csv', index=False); va.drop(columns=ext).to_csv('/tmp/sc_va_noext.csv', index=False)"
run silage_clamps twin --val /tmp/sc_va_fixed.csv                       # data fix: 1700-2280 nm back to log10(1/R)
run silage_clamps extra_std --train /tmp/sc_tr_std.csv --val /tmp/sc_va_std.csv   # the contract's standardize repair
run silage_clamps extra_cfg --set n_components=3
run silage_clamps extra_cfg2 --set n_components=20
run silage_clamps extra_noext --train /tmp/sc_tr_noext.csv --val /tmp/sc_va_noext.csv  # the 30 bands dropped from both files
run silage_clamps extra_trainfit --val ../silage_clamps/data/train.csv
run silage_clamps extra_twin_cfg --val /tmp/sc_va_fixed.csv --set n_components=20

run staff_survey plain
run staff_survey twin --code ../_twins/staff_survey/risk_mlp.py
run staff_survey extra_cfg --set init='"xavier"'
run staff_survey extra_cfg2 --set init='"default"'
run staff_survey extra_cfg3 --set lr=0.01
run staff_survey extra_cfg4 --set epochs=200
run staff_survey extra_cfg5 --set lr=0.0001
run staff_survey extra_cfg6 --set optimizer='"sgd"' --set lr=0.01
run staff_survey extra_trainfit --val ../staff_survey/data/train.csv
run staff_survey extra_twin_trainfit --code ../_twins/staff_survey/risk_mlp.py --val ../staff_survey/data/train.csv

run tunnel_air plain

$PY round13_a.py refs
$PY round13_a.py
