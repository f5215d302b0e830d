"""Round 7 (part a): quick reference models on each program's own split (results/round7_a_refs.json).

constant = training mean; linear = StandardScaler + RidgeCV; boosting = HistGradientBoostingRegressor (defaults,
random_state 0); all fitted on data/train.csv and scored (RMSE) on data/val.csv.
"""
import os, json, tomllib
import numpy as np, pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = {}
for name in ["timber_kiln", "polymer_flakes", "ev_charging", "ambulance_response"]:
    spec = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb")); t = spec["data"]["target"]
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    f = [c for c in tr.columns if c != t]
    rmse = lambda p: round(float(np.sqrt(np.mean((np.asarray(p) - va[t].to_numpy()) ** 2))), 4)
    r = {"constant": rmse(np.full(len(va), tr[t].mean()))}
    for k, m in [("linear", make_pipeline(StandardScaler(), RidgeCV())), ("boosting", HistGradientBoostingRegressor(random_state=0))]:
        m.fit(tr[f], tr[t]); r[k] = rmse(m.predict(va[f]))
    out[name] = r
json.dump(out, open(f"{ROOT}/_driver/results/round7_a_refs.json", "w"), indent=1)
print(json.dumps(out, indent=1))
