#!/bin/bash
# Round 4 (part a): re-runs each program plainly, its corrected twin and the config-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as the round-3 block of run_all.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 4 (a) ----
run milk_fat_mixture plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../milk_fat_mixture/data/train.csv'); tr[tr['fat_pct'] > 0].to_csv('/tmp/mf_tr_clean.csv', index=False)"
run milk_fat_mixture twin --train /tmp/mf_tr_clean.csv
run milk_fat_mixture extra_floor --code ../_twins/milk_fat_mixture/fat_mixture_floor.py
run milk_fat_mixture extra_logsigma --code ../_twins/milk_fat_mixture/fat_mixture_logsigma.py
run bridge_strain plain;       run bridge_strain twin --set min_samples_leaf=10
run bridge_strain extra_cfg --set max_depth=5
run bridge_strain extra_cfg2 --set ccp_alpha=50.0
run bridge_strain extra_trainfit --val ../bridge_strain/data/train.csv        # plain tree scored on its own training rows
run bridge_strain extra_twin_trainfit --set min_samples_leaf=10 --val ../bridge_strain/data/train.csv
run traffic_flow plain;        run traffic_flow twin --code ../_twins/traffic_flow/flow_transformer.py
run traffic_flow extra_cfg --set lr=0.02
run traffic_flow extra_cfg2 --set warmup_epochs=0
run traffic_flow extra_cfg3 --set epochs=60
run loan_default plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../loan_default/data/train.csv'); va=pd.read_csv('../loan_default/data/val.csv')
f=[c for c in tr.columns if c!='default']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/ld_tr_std.csv',index=False); va.to_csv('/tmp/ld_va_std.csv',index=False)"
run loan_default twin --train /tmp/ld_tr_std.csv --val /tmp/ld_va_std.csv
run loan_default extra_cfg --set lr=0.00001
run loan_default extra_cfg2 --set epochs=120
run loan_default extra_cfg3 --set alpha=1.0
run glacier_melt plain;        run glacier_melt twin --set lr=0.00005
run glacier_melt extra_cfg --set clip_grad_norm=1.0
run glacier_melt extra_cfg2 --set lr=0.0005
run glacier_melt extra_cfg3 --set lr=0.01      # NaN in every epoch: the driver's best-epoch bookkeeping fails (prints FAILED); the json records the error
run glacier_melt extra_cfg4 --set optimizer='"adam"' --set lr=0.001
run bee_colonies plain
