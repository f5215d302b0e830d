#!/bin/bash
# Round 9 (part c): three programs around hand-written optimisation in function mode (two faulty, one healthy).
# Re-runs each program plainly, its corrected twin and the config-only attempts; results in
# results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 9 (c) ----
run heron_colonies plain
run heron_colonies twin --code ../_twins/heron_colonies/colony_logit.py
run heron_colonies extra_cfg --set lr=0.01
run heron_colonies extra_cfg2 --set lr=0.001
run heron_colonies extra_cfg3 --set epochs=3
run heron_colonies extra_cfg4 --set weight_decay=1.0
run reservoir_gauge plain
run reservoir_gauge twin --set tol=1e-8
run reservoir_gauge extra_cfg --set epochs=5000
run reservoir_gauge extra_cfg2 --set q_init=1.0
run reservoir_gauge extra_cfg3 --set optimizer='"Powell"'
run reservoir_gauge extra_cfg4 --set tol=1e-5
run junction_collisions plain

# the authors' own reference fits on the same splits (constant, scaled ridge / logistic, boosting) and the fitted
# parameters of the function-mode programs, quoted in round9_c.py
$PY - <<'PYEOF'
import json, sys, importlib.util, numpy as np, pandas as pd
from sklearn.linear_model import RidgeCV, LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier
refs = {}
for name, tgt, cls in [('heron_colonies', 'occupied', True), ('reservoir_gauge', 'reading_cm', False),
                       ('junction_collisions', 'collisions_5yr', False)]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != tgt]
    if cls:
        a = lambda p: round(float(np.mean(np.asarray(p) == va[tgt].to_numpy())), 4)
        refs[name] = dict(constant=a(np.full(len(va), tr[tgt].mode()[0])),
                          linear=a(make_pipeline(StandardScaler(), LogisticRegression()).fit(tr[f], tr[tgt]).predict(va[f])),
                          boosting=a(HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[tgt]).predict(va[f])))
    else:
        r = lambda p: round(float(np.sqrt(np.mean((np.asarray(p) - va[tgt].to_numpy()) ** 2))), 4)
        refs[name] = dict(constant=r(np.full(len(va), tr[tgt].mean())),
                          linear=r(make_pipeline(StandardScaler(), RidgeCV()).fit(tr[f], tr[tgt]).predict(va[f])),
                          boosting=r(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[tgt]).predict(va[f])))
json.dump(refs, open('results/round9_c_refs.json', 'w'), indent=1); print(refs)

def load(path):
    s = importlib.util.spec_from_file_location('u' + str(abs(hash(path))), path); m = importlib.util.module_from_spec(s)
    s.loader.exec_module(m); return m

class Mon:
    should_stop = False
    def log_epoch(self, **kw): pass

diag = {}
tr = pd.read_csv('../heron_colonies/data/train.csv'); va = pd.read_csv('../heron_colonies/data/val.csv')
cfg = dict(lr=0.5, epochs=300, weight_decay=0.001)
for tag, path in [('plain', '../heron_colonies/code/colony_logit.py'), ('twin', '../_twins/heron_colonies/colony_logit.py')]:
    mdl = load(path).train_model(tr, va, cfg, Mon())
    pv = mdl.predict(va)
    diag[f'heron_colonies_{tag}'] = dict(intercept=round(float(mdl.b), 4), slopes=[round(float(v), 4) for v in mdl.w],
                                         share_predicted_occupied_val=round(float(np.mean(pv)), 4),
                                         share_occupied_train=round(float(tr['occupied'].mean()), 4),
                                         share_occupied_val=round(float(va['occupied'].mean()), 4))
tr = pd.read_csv('../junction_collisions/data/train.csv'); va = pd.read_csv('../junction_collisions/data/val.csv')
mdl, hist = load('../junction_collisions/code/spf_newton.py').train_model(tr, va, dict(epochs=50, tol=1e-10))
diag['junction_collisions_plain'] = dict(beta=[round(float(v), 4) for v in mdl.beta],
                                         names=['b0', 'log_aadt_major', 'log_aadt_minor', 'signalised', 'four_legs', 'speed_per_10', 'ped_crossing'],
                                         generator=[round(-8.4 + 0.72 * np.log(10000) + 0.38 * np.log(1000) + 0.45 * 0, 4), 0.72, 0.38, -0.30, 0.45, 0.09, 0.18],
                                         iterations=len(hist['epoch']), last_grad_norm=hist['grad_norm'][-1])
json.dump(diag, open('results/round9_c_diag.json', 'w'), indent=1); print(json.dumps(diag))
PYEOF
