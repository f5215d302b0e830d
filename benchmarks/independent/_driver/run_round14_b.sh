#!/bin/bash
# Round 14 (part b): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json; reference fits and diagnostics in results/round14_b_refs.json
# and results/round14_b_diag.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# data (deterministic, seeded)
$PY gen/rail_fastenings.py > /dev/null
$PY gen/storm_damage_survey.py > /dev/null
$PY gen/storm_damage_survey.py --clean > /dev/null          # /tmp/sd_va_clean.csv: validation levels on the 1-4 scale
$PY gen/bathing_water_alerts.py > /dev/null

# ---- rail_fastenings ----
run rail_fastenings plain
run rail_fastenings twin --code ../_twins/rail_fastenings/fastening_net.py
run rail_fastenings extra_cfg --set lr=0.02
run rail_fastenings extra_cfg2 --set lr=0.05
run rail_fastenings extra_cfg3 --set batch_size=1600 --set epochs=400
run rail_fastenings extra_cfg4 --set momentum=0.0
run rail_fastenings extra_cfg5 --set epochs=80
$PY -c "
import pandas as pd
tr=pd.read_csv('../rail_fastenings/data/train.csv'); va=pd.read_csv('../rail_fastenings/data/val.csv')
f=[c for c in tr.columns if c!='defect']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/rf_tr_std.csv',index=False); va.to_csv('/tmp/rf_va_std.csv',index=False)"
run rail_fastenings extra_std --train /tmp/rf_tr_std.csv --val /tmp/rf_va_std.csv
run rail_fastenings extra_twin_lr002 --code ../_twins/rail_fastenings/fastening_net.py --set lr=0.02

# ---- storm_damage_survey ----
run storm_damage_survey plain
run storm_damage_survey twin --val /tmp/sd_va_clean.csv
run storm_damage_survey extra_cfg --set C=0.01
run storm_damage_survey extra_cfg2 --set C=100.0
run storm_damage_survey extra_trainfit --val ../storm_damage_survey/data/train.csv   # plain model scored on its own training rows
$PY -c "
import pandas as pd
tr=pd.read_csv('../storm_damage_survey/data/train.csv'); va=pd.read_csv('../storm_damage_survey/data/val.csv')
f=[c for c in tr.columns if c!='damage_level']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/sd_tr_std.csv',index=False); va.to_csv('/tmp/sd_va_std.csv',index=False)"
run storm_damage_survey extra_std --train /tmp/sd_tr_std.csv --val /tmp/sd_va_std.csv

# ---- bathing_water_alerts (healthy) ----
run bathing_water_alerts plain
run bathing_water_alerts extra_seed1 --set seed=1 --seed 1

# reference fits (constant / scaled logistic / HistGradientBoosting) and diagnostics
$PY round14_b.py refs
$PY round14_b.py diag
$PY round14_b.py
