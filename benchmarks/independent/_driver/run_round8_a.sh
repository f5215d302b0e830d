#!/bin/bash
# Round 8 (part a): re-runs each program plainly, its corrected twin and the config-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, plus results/round8_a_diag.json (class counts of the plain
# honey_origin model, the authors' own reference fits). Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 8 (a) ----
run dam_seepage plain;         run dam_seepage twin --code ../_twins/dam_seepage/seepage_lightning.py
run dam_seepage extra_cfg --set lr_schedule='"none"'
run dam_seepage extra_cfg2 --set lr=0.01
run dam_seepage extra_cfg3 --set lr_patience=10
run honey_origin plain;        run honey_origin twin --code ../_twins/honey_origin/origin_classifier.py
run honey_origin extra_twin2 --code ../_twins/honey_origin/origin_classifier_softmax.py   # softmax output layer instead of from_logits
run honey_origin extra_cfg --set lr=0.0001
run honey_origin extra_cfg2 --set epochs=100
run honey_origin extra_cfg3 --set hidden_units=128
run wastewater_inflow plain
run wastewater_inflow extra_accum1 --set accum_steps=1 --set batch_size=64   # same effective batch without accumulation

$PY - <<'PYEOF'
import os, sys, json, importlib.util
import numpy as np, pandas as pd
from sklearn.linear_model import RidgeCV, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
out = {"refs": {}}
for name, t, cls in [("dam_seepage", "seepage_l_min", 0), ("honey_origin", "origin", 1), ("wastewater_inflow", "inflow_ml_day", 0)]:
    tr = pd.read_csv(f"../{name}/data/train.csv"); va = pd.read_csv(f"../{name}/data/val.csv")
    f = [c for c in tr.columns if c != t]
    if cls:
        lin = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(tr[f], tr[t]).score(va[f], va[t])
        gbm = HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[t]).score(va[f], va[t])
        const = float((va[t] == tr[t].mode()[0]).mean())
    else:
        r = lambda m: float(np.sqrt(np.mean((m.fit(tr[f], tr[t]).predict(va[f]) - va[t]) ** 2)))
        lin = r(make_pipeline(StandardScaler(), RidgeCV())); gbm = r(HistGradientBoostingRegressor(random_state=0))
        const = float(np.sqrt(np.mean((va[t] - tr[t].mean()) ** 2)))
    out["refs"][name] = {"constant": round(const, 4), "linear": round(float(lin), 4), "boosting": round(float(gbm), 4)}
# class counts of the plain honey_origin model's validation predictions (same seed and config as the plain run)
import tomllib, keras
spec = tomllib.load(open("../honey_origin/spec.toml", "rb"))
sp = importlib.util.spec_from_file_location("oc", "../honey_origin/code/origin_classifier.py")
mod = importlib.util.module_from_spec(sp); sp.loader.exec_module(mod)
import torch; torch.manual_seed(0); torch.set_num_threads(1); np.random.seed(0)
tr = pd.read_csv("../honey_origin/data/train.csv"); va = pd.read_csv("../honey_origin/data/val.csv")
model, hist = mod.train_model(tr, va, dict(spec["config"]))
raw = np.asarray(model.predict(va.drop(columns="origin").to_numpy("float32"), verbose=0))
pred = raw.argmax(1)
out["honey_origin_plain"] = {"val_accuracy": round(float((pred == va["origin"].to_numpy()).mean()), 4),
                             "pred_counts": np.bincount(pred, minlength=4).tolist(),
                             "true_counts": np.bincount(va["origin"], minlength=4).tolist(),
                             "raw_output_min": round(float(raw.min()), 3), "raw_output_max": round(float(raw.max()), 3),
                             "share_rows_raw_sum_le_0": round(float((raw.sum(1) <= 0).mean()), 4)}
json.dump(out, open("results/round8_a_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
PYEOF
