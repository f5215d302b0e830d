"""Round 10 (part b): the quick references (constant / scaled linear / HistGradientBoosting, as references.py fits them)
on the three part-b programs' splits, written to results/round10_b_refs.json for the entries to quote."""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, tomllib, warnings
import numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression
from sklearn.ensemble import HistGradientBoostingRegressor
warnings.filterwarnings("ignore")
out = {}
for name in ("weed_bioassay", "mangrove_biomass", "broiler_growth"):
    d = _os.path.join(ROOT, name)
    spec = tomllib.load(open(d + "/spec.toml", "rb")); t = spec["data"]["target"]
    tr = pd.read_csv(d + "/data/train.csv"); va = pd.read_csv(d + "/data/val.csv")
    tr = tr[np.isfinite(tr.select_dtypes("number")).all(axis=1)]
    X, y, Xv, yv = tr.drop(columns=t), tr[t], va.drop(columns=t), va[t]
    rm = lambda p: float(np.sqrt(np.mean((p - yv) ** 2)))
    res = {"constant": rm(np.full(len(yv), y.mean()))}
    for k, m in [("linear", make_pipeline(StandardScaler(), LinearRegression())),
                 ("boosting", HistGradientBoostingRegressor(random_state=0))]:
        m.fit(X, y); res[k] = rm(m.predict(Xv))
    out[name] = {k: round(v, 4) for k, v in res.items()}
    print(f"{name:20s}", out[name])
json.dump(out, open(ROOT + "/_driver/results/round10_b_refs.json", "w"), indent=1)
