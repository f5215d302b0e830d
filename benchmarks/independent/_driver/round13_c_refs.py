"""Round 13 (part c): quick reference fits (constant, standardised linear / logistic, HistGradientBoosting) on the
same splits, fitted on the training CSV; written to results/round13_c_refs.json and quoted by round13_c.py."""
import os, json
import numpy as np, pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGS = {"tram_traction": ("energy_kWh", "rmse"), "sugarbeet_sucrose": ("sucrose_pct", "rmse"),
         "avalanche_bulletin": ("danger_level", "accuracy")}
out = {}
for name, (target, metric) in PROGS.items():
    if not os.path.exists(f"{ROOT}/{name}/data/train.csv"):
        continue
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    f = [c for c in tr.columns if c != target]
    Xt, yt, Xv, yv = tr[f].to_numpy(float), tr[target].to_numpy(), va[f].to_numpy(float), va[target].to_numpy()
    if metric == "rmse":
        r = lambda p: round(float(np.sqrt(np.mean((p - yv) ** 2))), 4)
        out[name] = dict(constant=r(np.full(len(yv), yt.mean())),
                         linear=r(make_pipeline(StandardScaler(), LinearRegression()).fit(Xt, yt).predict(Xv)),
                         boosting=r(HistGradientBoostingRegressor(random_state=0).fit(Xt, yt).predict(Xv)))
    else:
        a = lambda p: round(float(np.mean(p == yv)), 4)
        vals, cnt = np.unique(yt, return_counts=True)
        out[name] = dict(constant=a(np.full(len(yv), vals[cnt.argmax()])),
                         linear=a(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(Xt, yt).predict(Xv)),
                         boosting=a(HistGradientBoostingClassifier(random_state=0).fit(Xt, yt).predict(Xv)))
json.dump(out, open(f"{ROOT}/_driver/results/round13_c_refs.json", "w"), indent=1)
print(json.dumps(out, indent=1))
