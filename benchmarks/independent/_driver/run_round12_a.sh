#!/bin/bash
# Round 12 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, diagnostics in results/<name>_diag.json (round12_a.py diag).
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 12 (a) ----
run substation_transformers plain
run substation_transformers twin --code ../_twins/substation_transformers/failure_risk.py
run substation_transformers extra_cfg --set threshold=0.5
run substation_transformers extra_cfg2 --set threshold=0.9
run substation_transformers extra_cfg3 --set epochs=30
run substation_transformers extra_cfg4 --set lr=0.01
run substation_transformers extra_trainfit --val ../substation_transformers/data/train.csv
run substation_transformers extra_twin_trainfit --code ../_twins/substation_transformers/failure_risk.py --val ../substation_transformers/data/train.csv

run dairy_udder_health plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../dairy_udder_health/data/train.csv'); va=pd.read_csv('../dairy_udder_health/data/val.csv')
tr.drop(columns='treatments_this_lactation').to_csv('/tmp/du_tr_drop.csv', index=False)
va.drop(columns='treatments_this_lactation').to_csv('/tmp/du_va_drop.csv', index=False)
f=[c for c in tr.columns if c!='clinical_case_30d']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/du_tr_std.csv', index=False); va.to_csv('/tmp/du_va_std.csv', index=False)"
run dairy_udder_health twin --train /tmp/du_tr_drop.csv --val /tmp/du_va_drop.csv
run dairy_udder_health extra_cfg --set min_samples_leaf=50
run dairy_udder_health extra_cfg2 --set max_depth=3
run dairy_udder_health extra_cfg3 --set max_features=1.0
run dairy_udder_health extra_std --train /tmp/du_tr_std.csv --val /tmp/du_va_std.csv
run dairy_udder_health extra_trainfit --val ../dairy_udder_health/data/train.csv
run dairy_udder_health extra_twin_trainfit --train /tmp/du_tr_drop.csv --val /tmp/du_tr_drop.csv

run satellite_clouds plain
run satellite_clouds extra_trainfit --val ../satellite_clouds/data/train.csv

$PY round12_a.py diag
$PY round12_a.py
