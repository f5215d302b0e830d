"""Quick references on each program's split: constant, linear (scaled), gradient boosting."""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, glob, os, tomllib, warnings
import numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier
warnings.filterwarnings("ignore")
out = {}
for spec_path in sorted(glob.glob(ROOT + "/*/spec.toml")):
    d = os.path.dirname(spec_path); name = os.path.basename(d)
    spec = tomllib.load(open(spec_path, "rb")); t = spec["data"]["target"]; metric = spec["model"]["metric"]
    tr = pd.read_csv(os.path.join(d, spec["data"]["train"])); va = pd.read_csv(os.path.join(d, spec["data"]["val"]))
    tr = tr[np.isfinite(tr.select_dtypes("number")).all(axis=1)]
    X, y, Xv, yv = tr.drop(columns=t), tr[t], va.drop(columns=t), va[t]
    # a validation file with missing values: the linear reference reads training medians in their place (boosting
    # takes them as they are); files without any are read unchanged
    Xv_lin = Xv.fillna(X.median())
    if metric == "accuracy":
        res = {"constant": float((yv == y.mode()[0]).mean())}
        for k, m in [("linear", make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))),
                     ("boosting", HistGradientBoostingClassifier(random_state=0))]:
            m.fit(X, y); res[k] = float((m.predict(Xv_lin if k == "linear" else Xv) == yv).mean())
    else:
        rm = lambda p: float(np.sqrt(np.mean((p - yv) ** 2)))
        res = {"constant": rm(np.full(len(yv), y.mean()))}
        for k, m in [("linear", make_pipeline(StandardScaler(), LinearRegression())),
                     ("boosting", HistGradientBoostingRegressor(random_state=0))]:
            m.fit(X, y); res[k] = rm(m.predict(Xv_lin if k == "linear" else Xv))
    out[name] = res
    print(f"{name:20s}", {k: round(v, 4) for k, v in res.items()})
json.dump(out, open(ROOT + "/_driver/results/references.json", "w"), indent=1)
