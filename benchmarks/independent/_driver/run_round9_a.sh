#!/bin/bash
# Round 9 (part a): sequences and time series. Re-runs each program plainly, its corrected twin and the
# config-only attempts; results in results/<name>_{plain,twin,extra*}.json, plus results/round9_a_refs.json
# (the authors' own constant / linear / boosting fits on the same splits). Same driver and conventions as round 4.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 9 (a) ----
run karst_spring plain;        run karst_spring twin --code ../_twins/karst_spring/spring_cnn.py
run karst_spring extra_cfg --set epochs=6
run karst_spring extra_cfg2 --set hidden_units=4
run karst_spring extra_cfg3 --set lr=0.0001
run mine_microseismic plain;   run mine_microseismic twin --code ../_twins/mine_microseismic/event_cnn.py
run mine_microseismic extra_cfg --set epochs=90
run mine_microseismic extra_cfg2 --set hidden_units=128 --set dropout=0.0
run district_heating plain
$PY -c "
import json, numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier
out = {}
for name, target, cls in [('karst_spring', 'spring_discharge_Ls', False), ('mine_microseismic', 'event_class', True),
                          ('district_heating', 'heat_MW', False)]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != target]
    if cls:
        sc = lambda p: float(np.mean(p == va[target].to_numpy()))
        r = dict(constant=sc(np.full(len(va), tr[target].mode()[0])),
                 linear=sc(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(tr[f], tr[target]).predict(va[f])),
                 boosting=sc(HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[target]).predict(va[f])))
    else:
        sc = lambda p: float(np.sqrt(np.mean((p - va[target].to_numpy()) ** 2)))
        r = dict(constant=sc(np.full(len(va), tr[target].mean())),
                 linear=sc(make_pipeline(StandardScaler(), LinearRegression()).fit(tr[f], tr[target]).predict(va[f])),
                 boosting=sc(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[target]).predict(va[f])))
    out[name] = {k: round(v, 4) for k, v in r.items()}
json.dump(out, open('results/round9_a_refs.json', 'w'), indent=1); print(out)
"
