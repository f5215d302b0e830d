#!/bin/bash
# Round 16 (part c): re-runs each program plainly, its corrected twin and the config-only attempts;
# results in results/<name>_{plain,twin,extra*,refs}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# quick references on the delivered split (constant, standardised ridge, gradient-boosted trees)
refs() { $PY - "$1" "$2" <<'PYEOF'
import sys, json, numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
from sklearn.ensemble import HistGradientBoostingRegressor
name, target = sys.argv[1], sys.argv[2]
tr = pd.read_csv(f"../{name}/data/train.csv"); va = pd.read_csv(f"../{name}/data/val.csv")
f = [c for c in tr.columns if c != target]
rm = lambda p: float(np.sqrt(np.mean((np.asarray(p) - va[target].to_numpy()) ** 2)))
out = {"constant": rm(np.full(len(va), tr[target].mean())),
       "linear": rm(make_pipeline(StandardScaler(), Ridge(1.0)).fit(tr[f], tr[target]).predict(va[f])),
       "boosting": rm(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[target]).predict(va[f]))}
json.dump(out, open(f"results/{name}_refs.json", "w"), indent=1); print(name, out)
PYEOF
}

# ---- round 16 (c) ----
refs quarry_blasting ppv_mm_s
run quarry_blasting plain;    run quarry_blasting twin --code ../_twins/quarry_blasting/ppv_net.py
run quarry_blasting extra_cfg --set epochs=300
run quarry_blasting extra_cfg2 --set lr=0.02
run quarry_blasting extra_cfg3 --set batch_size=8

refs hop_gardens alpha_acid_pct
run hop_gardens plain;        run hop_gardens twin --code ../_twins/hop_gardens/alpha_lightning.py
run hop_gardens extra_cfg --set epochs=8
run hop_gardens extra_cfg2 --set weight_decay=0.01
run hop_gardens extra_cfg3 --set hidden_units=16
run hop_gardens extra_cfg4 --set lr=0.0003

refs ice_rink_energy energy_kwh
run ice_rink_energy plain
run ice_rink_energy extra_seed --set seed=1
