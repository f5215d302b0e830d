"""Round 12 (part c): quick references on each program's split (constant / scaled linear or logistic / histogram
gradient boosting, fitted on train after dropping non-finite rows), written to results/round12_c_refs.json."""
import json, os, sys
import numpy as np, pandas as pd, tomllib
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import RidgeCV, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}
for name in sys.argv[1:] or ["bus_dwell", "well_arsenic", "seagrass_cover"]:
    prog = os.path.join(HERE, "..", name)
    spec = tomllib.load(open(os.path.join(prog, "spec.toml"), "rb"))
    t = spec["data"]["target"]; cls = spec["model"]["metric"] == "accuracy"
    tr = pd.read_csv(os.path.join(prog, spec["data"]["train"])); va = pd.read_csv(os.path.join(prog, spec["data"]["val"]))
    tr = tr[np.isfinite(tr.select_dtypes("number")).all(axis=1)]
    f = [c for c in tr.columns if c != t]
    Xt, yt, Xv, yv = tr[f].to_numpy(float), tr[t].to_numpy(), va[f].to_numpy(float), va[t].to_numpy()
    if cls:
        lin = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(Xt, yt)
        gb = HistGradientBoostingClassifier(random_state=0).fit(Xt, yt)
        sc = lambda p: round(float(np.mean(p == yv)), 4)
        const = sc(np.full(len(yv), pd.Series(yt).mode()[0]))
    else:
        lin = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 13))).fit(Xt, yt)
        gb = HistGradientBoostingRegressor(random_state=0).fit(Xt, yt)
        sc = lambda p: round(float(np.sqrt(np.mean((p - yv) ** 2))), 4)
        const = sc(np.full(len(yv), yt.mean()))
    out[name] = dict(constant=const, linear=sc(lin.predict(Xv)), boosting=sc(gb.predict(Xv)))
    print(name, out[name])
p = os.path.join(HERE, "results", "round12_c_refs.json")
old = json.load(open(p)) if os.path.exists(p) else {}
old.update(out); json.dump(old, open(p, "w"), indent=1)
