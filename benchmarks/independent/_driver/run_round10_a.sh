#!/bin/bash
# Round 10 (part a): re-runs each program plainly, its corrected twin and the config-only attempts;
# results in results/<name>_{plain,twin,extra*}.json, plus results/round10_a_diag.json (prediction counts of the
# plain models, from a separate run of the user's code). Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 10 (a) ----
run pipeline_survey plain;     run pipeline_survey twin --code ../_twins/pipeline_survey/corrosion_net.py
run pipeline_survey extra_cfg --set lr=0.0003
run pipeline_survey extra_cfg2 --set weight_decay=0.1
run pipeline_survey extra_cfg3 --set epochs=3
run rooftop_thermal plain;     run rooftop_thermal twin --set weight_decay=0.0001
run rooftop_thermal extra_cfg --set weight_decay=0.01
run rooftop_thermal extra_cfg2 --set lr=0.0003
run rooftop_thermal extra_cfg3 --set dropout=0.0
run sawmill_grading plain
run sawmill_grading extra_seed1 --set seed=1
run sawmill_grading extra_trainfit --val ../sawmill_grading/data/train.csv     # the plain model scored on its own training rows

# prediction counts and output statistics of the plain models (the driver records only the metric)
$PY - <<'PYEOF' || echo "FAILED round10_a_diag"
import json, importlib.util, tomllib, numpy as np, pandas as pd, torch
torch.set_num_threads(1)
class Stub:
    should_stop = False
    def log_epoch(self, **kw): pass
def load(prog, code=None):
    spec = tomllib.load(open(f"../{prog}/spec.toml", "rb"))
    f, fn = spec["model"]["entrypoint"].split(":")
    s = importlib.util.spec_from_file_location("u_" + prog, code or f"../{prog}/{f}")
    m = importlib.util.module_from_spec(s); s.loader.exec_module(m)
    return spec, getattr(m, fn)
out = {}
for prog, code in (("pipeline_survey", None), ("pipeline_survey_twin", "../_twins/pipeline_survey/corrosion_net.py")):
    spec, fn = load("pipeline_survey", code)
    tr = pd.read_csv("../pipeline_survey/data/train.csv"); va = pd.read_csv("../pipeline_survey/data/val.csv")
    t = spec["data"]["target"]
    torch.manual_seed(0); np.random.seed(0)
    model = fn(tr, va, dict(spec["config"]), Stub()); model.eval()
    with torch.no_grad():
        s = model(torch.tensor(va.drop(columns=[t]).to_numpy(np.float32))).numpy()
    out[prog] = dict(val_pred_counts=np.bincount(s.argmax(1), minlength=3).tolist(),
                     val_true_counts=np.bincount(va[t], minlength=3).tolist(),
                     val_score_mean_per_class=[round(float(v), 1) for v in s.mean(0)],
                     val_score_abs_max=round(float(np.abs(s).max()), 1),
                     output_bias=[round(float(v), 1) for v in model.body[-1].bias.detach()])
spec, fn = load("rooftop_thermal")
import keras
tr = pd.read_csv("../rooftop_thermal/data/train.csv"); va = pd.read_csv("../rooftop_thermal/data/val.csv")
model, hist = fn(tr, va, dict(spec["config"]))
p = np.asarray(model.predict(va.drop(columns=["condition"]).to_numpy("float32"), verbose=0))
w2 = sum(float((np.asarray(w) ** 2).sum()) for l in model.layers if hasattr(l, "kernel") for w in [l.kernel.numpy()])
out["rooftop_thermal"] = dict(val_pred_counts=np.bincount(p.argmax(1), minlength=4).tolist(),
                              val_true_counts=np.bincount(va["condition"], minlength=4).tolist(),
                              val_prob_mean=[round(float(v), 3) for v in p.mean(0)],
                              val_prob_sd_max=round(float(p.std(0).max()), 4),
                              sum_sq_kernels=round(w2, 4),
                              train_class_share=[round(float(v), 3) for v in np.bincount(tr["condition"]) / len(tr)],
                              last_loss=round(float(hist["loss"][-1]), 4))
# quick references on the same split (scaled logistic regression, histogram gradient boosting), as in references.py
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingClassifier
out["refs"] = {}
for prog, t in (("pipeline_survey", "corrosion_class"), ("rooftop_thermal", "condition"), ("sawmill_grading", "strength_grade")):
    tr = pd.read_csv(f"../{prog}/data/train.csv"); va = pd.read_csv(f"../{prog}/data/val.csv")
    f = [c for c in tr.columns if c != t]
    lin = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(tr[f], tr[t])
    gb = HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[t])
    out["refs"][prog] = dict(majority=round(float((va[t] == tr[t].mode()[0]).mean()), 4),
                             logistic=round(float(lin.score(va[f], va[t])), 4), boosting=round(float(gb.score(va[f], va[t])), 4))
json.dump(out, open("results/round10_a_diag.json", "w"), indent=1)
print(json.dumps(out))
PYEOF
