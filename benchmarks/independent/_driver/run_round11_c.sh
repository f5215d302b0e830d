#!/bin/bash
# Round 11 (part c): three regression networks with hand-written training loops (plain torch and PyTorch Lightning;
# two faulty, one healthy). Re-runs each program plainly, its corrected twin, the config-only attempts and the
# data-only attempts (on copies in /tmp passed with --train/--val); results in results/<name>_{plain,twin,extra*}.json.
# Same driver and conventions as run_round4_a.sh. Also writes results/round11_c_refs.json (the authors' own reference
# fits: constant, ridge on standardised features, gradient boosting) and results/round11_c_diag.json (facts about the
# fitted models quoted in round11_c.py).
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# data-only attempts: the contract's standardize repair (features standardised with train mean/sd) on copies
$PY - <<'PYEOF'
import pandas as pd
for name, tgt, short in [('wave_runup', 'runup_r2_m', 'wr'), ('road_noise', 'laeq_dba', 'rn')]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != tgt]; mu = tr[f].mean(); sd = tr[f].std()
    tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
    tr.to_csv(f'/tmp/r11c_{short}_tr_std.csv', index=False); va.to_csv(f'/tmp/r11c_{short}_va_std.csv', index=False)
PYEOF

# ---- round 11 (c) ----
run wave_runup plain
run wave_runup twin --code ../_twins/wave_runup/runup_net.py
run wave_runup extra_cfg --set lr=0.0002 --set epochs=150
run wave_runup extra_cfg2 --set hidden_units=256
run wave_runup extra_cfg3 --set lr=0.01
run wave_runup extra_stdtarget --standardize-target
run wave_runup extra_std --train /tmp/r11c_wr_tr_std.csv --val /tmp/r11c_wr_va_std.csv
run wave_runup extra_trainfit --val ../wave_runup/data/train.csv
run road_noise plain
run road_noise twin --code ../_twins/road_noise/noise_lightning.py
run road_noise extra_cfg --set weight_decay=0.0
run road_noise extra_cfg2 --set epochs=100
run road_noise extra_cfg3 --set hidden_units=128
run road_noise extra_cfg4 --set lr=0.001
run road_noise extra_stdtarget --standardize-target
run road_noise extra_std --train /tmp/r11c_rn_tr_std.csv --val /tmp/r11c_rn_va_std.csv
run road_noise extra_trainfit --val ../road_noise/data/train.csv
run grain_dryer plain
run grain_dryer extra_trainfit --val ../grain_dryer/data/train.csv
run grain_dryer extra_cfg --set epochs=120

# references: constant (train mean), ridge on standardised features, gradient boosting; val RMSE
$PY - <<'PYEOF'
import json, numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
from sklearn.ensemble import GradientBoostingRegressor
out = {}
for name, tgt in [('wave_runup', 'runup_r2_m'), ('road_noise', 'laeq_dba'), ('grain_dryer', 'outlet_moisture_pct')]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != tgt]
    rm = lambda p: round(float(np.sqrt(np.mean((np.asarray(p) - va[tgt].to_numpy()) ** 2))), 4)
    lin = make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(tr[f], tr[tgt])
    gbm = GradientBoostingRegressor(random_state=0).fit(tr[f], tr[tgt])
    out[name] = {"constant": rm(np.full(len(va), tr[tgt].mean())), "linear": rm(lin.predict(va[f])),
                 "boosting": rm(gbm.predict(va[f]))}
json.dump(out, open('results/round11_c_refs.json', 'w'), indent=1)
print(out)
PYEOF

# diagnostics quoted in round11_c.py
$PY round11_c_diag.py
