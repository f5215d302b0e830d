#!/bin/bash
# Round 6 (part b): re-runs each program plainly, its corrected twin and the config/data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json (same driver and conventions as run_round4_a.sh)
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 6 (b) ----
run wildfire_danger plain;      run wildfire_danger twin --set lr=0.1
run wildfire_danger extra_cfg --set lr=1.0
run wildfire_danger extra_cfg2 --set lr=1.5
run wildfire_danger extra_cfg3 --set epochs=20
$PY -c "
import pandas as pd
tr=pd.read_csv('../wildfire_danger/data/train.csv'); va=pd.read_csv('../wildfire_danger/data/val.csv')
f=[c for c in tr.columns if c!='danger_class']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r6b_wf_tr_std.csv',index=False); va.to_csv('/tmp/r6b_wf_va_std.csv',index=False)"
run wildfire_danger extra_std --train /tmp/r6b_wf_tr_std.csv --val /tmp/r6b_wf_va_std.csv
run wildfire_danger extra_trainfit --val ../wildfire_danger/data/train.csv          # plain model scored on its own training rows

run student_retention plain
$PY -c "
import pandas as pd
for s in ('train', 'val'):
    d=pd.read_csv(f'../student_retention/data/{s}.csv'); d.drop(columns='credits_registered').to_csv(f'/tmp/r6b_sr_{s}_nocr.csv', index=False)"
run student_retention twin --train /tmp/r6b_sr_train_nocr.csv --val /tmp/r6b_sr_val_nocr.csv
run student_retention extra_cfg --set C=0.01
run student_retention extra_cfg2 --set class_weight='"balanced"'
$PY -c "
import pandas as pd
tr=pd.read_csv('../student_retention/data/train.csv'); va=pd.read_csv('../student_retention/data/val.csv')
f=[c for c in tr.columns if c not in ('dropped_out', 'faculty')]; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r6b_sr_tr_std.csv',index=False); va.to_csv('/tmp/r6b_sr_va_std.csv',index=False)"
run student_retention extra_std --train /tmp/r6b_sr_tr_std.csv --val /tmp/r6b_sr_va_std.csv
run student_retention extra_trainfit --val ../student_retention/data/train.csv      # plain model scored on its own training rows
run student_retention extra_twin_trainfit --train /tmp/r6b_sr_train_nocr.csv --val /tmp/r6b_sr_train_nocr.csv

run hail_nowcast plain;         run hail_nowcast twin --set loss='"binary_crossentropy"'
run hail_nowcast extra_cfg --set lr=0.01
run hail_nowcast extra_cfg2 --set hidden_units=128
run hail_nowcast extra_cfg3 --set loss='"mse"'

run sleep_stages plain;         run sleep_stages twin --code ../_twins/sleep_stages/stage_net.py
run sleep_stages extra_cfg --set lr=0.01
run sleep_stages extra_cfg2 --set lr=0.03
run sleep_stages extra_cfg3 --set epochs=300
run sleep_stages extra_cfg4 --set batch_size=2100    # one batch per epoch: the loop then takes one step on all rows

# measurements the driver does not record (stage-wise deviance, coefficients, prediction shares), into
# results/<name>_diag.json; each refits the plain program exactly as the driver does
$PY - <<'PYEOF' > results/round6_b_diag.log 2>&1 || echo "FAILED round6_b diag"
import json, sys, tomllib, importlib.util, warnings
import numpy as np, pandas as pd
def load(name, f):
    s = importlib.util.spec_from_file_location(name, f"../{name}/code/{f}"); m = importlib.util.module_from_spec(s); s.loader.exec_module(m); return m
def data(name, target):
    tr = pd.read_csv(f"../{name}/data/train.csv"); va = pd.read_csv(f"../{name}/data/val.csv")
    f = [c for c in tr.columns if c != target]
    return tr, va, f
def cfg(name): return tomllib.load(open(f"../{name}/spec.toml", "rb"))["config"]
r6 = lambda v: float(f"{float(v):.6g}")

# wildfire_danger: training deviance per boosting round, staged validation accuracy
tr, va, f = data("wildfire_danger", "danger_class")
out = {}
for tag, over in (("plain", {}), ("twin", {"lr": 0.1})):
    c = dict(cfg("wildfire_danger"), **over)
    g = load("wildfire_danger", "danger_gbm.py").build_estimator(c).fit(tr[f].to_numpy(float), tr["danger_class"].to_numpy())
    acc = [float(np.mean(p == va["danger_class"].to_numpy())) for p in g.staged_predict(va[f].to_numpy(float))]
    out[tag] = dict(train_deviance_first8=[r6(v) for v in g.train_score_[:8]], train_deviance_last3=[r6(v) for v in g.train_score_[-3:]],
                    train_deviance_min_max_from_round4=[r6(g.train_score_[3:].min()), r6(g.train_score_[3:].max())],
                    val_acc_stage=[round(a, 4) for a in acc[:8]], val_acc_last=round(acc[-1], 4),
                    train_acc=round(float(g.score(tr[f].to_numpy(float), tr["danger_class"].to_numpy())), 4),
                    max_abs_raw_score=r6(np.abs(g.decision_function(va[f].to_numpy(float))).max()),
                    val_pred_shares=np.bincount(g.predict(va[f].to_numpy(float)), minlength=3).tolist())
json.dump(out, open("results/wildfire_danger_diag.json", "w"), indent=1)

# student_retention: what the logistic model learned, and the credits column in the two files
tr, va, f = data("student_retention", "dropped_out")
est = load("student_retention", "retention_logit.py").build_estimator(cfg("student_retention"))
est.fit(tr[f].to_numpy(float), tr["dropped_out"].to_numpy())
names = est.named_steps["prep"].get_feature_names_out(f)
coef = dict(zip([str(n) for n in names], [round(float(v), 3) for v in est.named_steps["clf"].coef_[0]]))
pv = est.predict(va[f].to_numpy(float))
cr = "credits_registered"
out = dict(coef_standardised=coef, val_pred_dropout_share=round(float(pv.mean()), 4), val_true_dropout_share=round(float(va["dropped_out"].mean()), 4),
           train_credits_zero_share=round(float((tr[cr] == 0).mean()), 4),
           train_credits_zero_share_dropouts=round(float((tr.loc[tr.dropped_out == 1, cr] == 0).mean()), 4),
           train_credits_min_completers=int(tr.loc[tr.dropped_out == 0, cr].min()),
           train_credits_mean=round(float(tr[cr].mean()), 2), val_credits_mean=round(float(va[cr].mean()), 2),
           val_credits_min=int(va[cr].min()), val_credits_max=int(va[cr].max()),
           corr_credits_label_train=round(float(np.corrcoef(tr[cr], tr.dropped_out)[0, 1]), 3),
           corr_credits_label_val=round(float(np.corrcoef(va[cr], va.dropped_out)[0, 1]), 3))
json.dump(out, open("results/student_retention_diag.json", "w"), indent=1)

# hail_nowcast: the plain model's validation probabilities (the network that never moved)
import os; os.environ.setdefault("KERAS_BACKEND", "torch")
tr, va, f = data("hail_nowcast", "hail")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    model, hist = load("hail_nowcast", "hail_net.py").train_model(tr, va, cfg("hail_nowcast"))
p = model.predict_proba(va[f])
json.dump(dict(val_prob_min=round(float(p.min()), 4), val_prob_max=round(float(p.max()), 4), val_prob_sd=round(float(p.std()), 4),
               val_pred_hail_share=round(float((p >= 0.5).mean()), 4), val_true_hail_share=round(float(va.hail.mean()), 4),
               train_loss_unique=sorted(set(round(float(v), 8) for v in hist["loss"])), val_acc_unique=sorted(set(round(float(v), 4) for v in hist["val_accuracy"]))),
          open("results/hail_nowcast_diag.json", "w"), indent=1)
# quick references on each split (scaled logistic regression, histogram gradient boosting), for the notes only
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
refs = {}
for name, target in (("wildfire_danger", "danger_class"), ("student_retention", "dropped_out"), ("hail_nowcast", "hail"), ("sleep_stages", "stage")):
    tr, va, f = data(name, target)
    X, y, Xv, yv = tr[f].to_numpy(float), tr[target].to_numpy(), va[f].to_numpy(float), va[target].to_numpy()
    refs[name] = dict(logistic=round(float(make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(X, y).score(Xv, yv)), 4),
                      hist_gbm=round(float(HistGradientBoostingClassifier(random_state=0).fit(X, y).score(Xv, yv)), 4))
json.dump(refs, open("results/round6_b_refs.json", "w"), indent=1)
PYEOF
