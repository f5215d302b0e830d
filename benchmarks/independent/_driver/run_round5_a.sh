#!/bin/bash
# Round 5 (part a): re-runs each program plainly, its corrected twin and the config-only / data-only / repair-emulating
# attempts; results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 5 (a) ----
run island_influenza plain
run island_influenza twin --code ../_twins/island_influenza/flu_sir.py                       # S0 estimated in thousands
run island_influenza extra_logparams --code ../_twins/island_influenza/flu_sir_logparams.py  # the contract's log-transform repair, emulated
run island_influenza extra_init40k --code ../_twins/island_influenza/flu_sir_init40k.py      # plain code, S0 init 40000 instead of 20000

run motor_claims plain
run motor_claims twin --code ../_twins/motor_claims/claim_severity.py                        # scale = mean / shape
run motor_claims extra_logshape --code ../_twins/motor_claims/claim_severity_logshape.py     # the contract's log-transform repair of shape, emulated

run apple_ripeness plain;      run apple_ripeness twin --set gamma='"scale"'
run apple_ripeness extra_cfg --set C=1000.0
run apple_ripeness extra_cfg2 --set C=0.01
run apple_ripeness extra_cfg3 --set gamma=1.0
$PY -c "
import pandas as pd
tr=pd.read_csv('../apple_ripeness/data/train.csv'); va=pd.read_csv('../apple_ripeness/data/val.csv')
f=[c for c in tr.columns if c!='grade']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r5a_ar_tr_std.csv',index=False); va.to_csv('/tmp/r5a_ar_va_std.csv',index=False)"
run apple_ripeness extra_std --train /tmp/r5a_ar_tr_std.csv --val /tmp/r5a_ar_va_std.csv    # the contract's standardize data repair
run apple_ripeness extra_trainfit --val ../apple_ripeness/data/train.csv                    # plain model scored on its own training rows
run apple_ripeness extra_twin_trainfit --set gamma='"scale"' --val ../apple_ripeness/data/train.csv

run cold_store_energy plain
run cold_store_energy twin --code ../_twins/cold_store_energy/energy_gd.py                   # per-column sd
$PY -c "
import pandas as pd
tr=pd.read_csv('../cold_store_energy/data/train.csv'); va=pd.read_csv('../cold_store_energy/data/val.csv')
f=[c for c in tr.columns if c!='energy_kWh']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r5a_cs_tr_std.csv',index=False); va.to_csv('/tmp/r5a_cs_va_std.csv',index=False)"
run cold_store_energy extra_std --train /tmp/r5a_cs_tr_std.csv --val /tmp/r5a_cs_va_std.csv  # the contract's standardize data repair, code unchanged
run cold_store_energy extra_cfg --set lr=0.1
run cold_store_energy extra_cfg2 --set epochs=3000
run cold_store_energy extra_cfg3 --set lr=0.3
