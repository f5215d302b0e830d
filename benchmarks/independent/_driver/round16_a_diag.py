"""Round 16 (a): references and prediction diagnostics quoted by round16_a.py -> results/round16_a_diag.json.
References as the other rounds fit them (constant = training majority class, standardised logistic regression,
HistGradientBoosting), on each program's own split; for delta_landcover the plain and twin code are re-run in
process exactly as driver.py runs them (same seeds, one thread) to count predictions per class."""
import os, sys, json, importlib.util, tomllib
os.environ.setdefault("OMP_NUM_THREADS", "1"); os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
out = {}


def load(name):
    spec = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))
    tr = pd.read_csv(f"{ROOT}/{name}/{spec['data']['train']}"); va = pd.read_csv(f"{ROOT}/{name}/{spec['data']['val']}")
    return spec, tr, va, spec["data"]["target"]


for name in ("delta_landcover", "station_weather_types", "shrew_skulls"):
    spec, tr, va, t = load(name)
    f = [c for c in tr.columns if c != t]
    maj = tr[t].mode()[0]
    lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(tr[f], tr[t])
    gb = HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[t])
    out[name] = dict(train_counts=np.bincount(tr[t]).tolist(), val_counts=np.bincount(va[t]).tolist(),
                     refs=dict(constant=round(float(np.mean(va[t] == maj)), 4), logistic=round(lr.score(va[f], va[t]), 4),
                               boosting=round(gb.score(va[f], va[t]), 4)))


class Stub:
    should_stop = False
    def __init__(self): self.rows = []
    def log_epoch(self, **kw): self.rows.append(kw)


import torch
torch.set_num_threads(1)
spec, tr, va, t = load("delta_landcover")
f = [c for c in tr.columns if c != t]
for tag, path in (("plain", f"{ROOT}/delta_landcover/code/landcover_net.py"),
                  ("twin", f"{ROOT}/_twins/delta_landcover/landcover_net.py")):
    np.random.seed(0); torch.manual_seed(0)
    sp = importlib.util.spec_from_file_location(f"dl_{tag}", path); mod = importlib.util.module_from_spec(sp); sp.loader.exec_module(mod)
    model = mod.train_model(tr, va, dict(spec["config"]), Stub())
    p = model.predict(va[f].to_numpy(np.float32)); y = va[t].to_numpy()
    conf = pd.crosstab(pd.Series(y, name="true"), pd.Series(p, name="pred")).reindex(index=range(6), columns=range(6), fill_value=0)
    d = dict(val_accuracy=round(float(np.mean(p == y)), 4), pred_counts=np.bincount(p, minlength=6).tolist(),
             per_class_recall=[round(float(conf.iloc[k, k] / max(conf.iloc[k].sum(), 1)), 4) for k in range(6)],
             confusion=conf.to_numpy().tolist())
    if tag == "plain":
        with torch.no_grad():
            raw = model.net(torch.tensor(va[f].to_numpy(np.float32))).numpy()
        d["raw_output_mean_by_true_class"] = [round(float(raw[y == k].mean()), 3) for k in range(6)]
    out["delta_landcover"][tag] = d

json.dump(out, open(f"{HERE}/results/round16_a_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
