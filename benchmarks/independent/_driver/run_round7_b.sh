#!/bin/bash
# Round 7 (part b): re-runs each program plainly, its corrected twin and the config/data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json (same driver and conventions as run_round4_a.sh);
# a few measurements the driver does not record go to results/round7_b_diag.json (last block)
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 7 (b) ----
run espresso_extraction plain;      run espresso_extraction twin --set degree=2
run espresso_extraction extra_cfg --set degree=3
run espresso_extraction extra_cfg2 --set interaction_only=true
run espresso_extraction extra_cfg3 --set degree=4
run espresso_extraction extra_trainfit --val ../espresso_extraction/data/train.csv                 # plain model on its own training rows
run espresso_extraction extra_twin_trainfit --set degree=2 --val ../espresso_extraction/data/train.csv

run weld_inspection plain;          run weld_inspection twin --code ../_twins/weld_inspection/seam_forest.py
run weld_inspection extra_cfg --set min_samples_leaf=10
run weld_inspection extra_cfg2 --set epochs=40
run weld_inspection extra_cfg3 --set max_features=1.0

run estuary_nitrate plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../estuary_nitrate/data/train.csv'); tr[tr['nitrate_mg_l'] != -999].to_csv('/tmp/r7b_en_tr_clean.csv', index=False)"
run estuary_nitrate twin --train /tmp/r7b_en_tr_clean.csv
run estuary_nitrate extra_dropnf --drop-nonfinite
$PY -c "
import pandas as pd
tr=pd.read_csv('../estuary_nitrate/data/train.csv'); va=pd.read_csv('../estuary_nitrate/data/val.csv')
f=[c for c in tr.columns if c!='nitrate_mg_l']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r7b_en_tr_std.csv',index=False); va.to_csv('/tmp/r7b_en_va_std.csv',index=False)"
run estuary_nitrate extra_std --train /tmp/r7b_en_tr_std.csv --val /tmp/r7b_en_va_std.csv
run estuary_nitrate extra_cfg --set min_samples_leaf=20
run estuary_nitrate extra_trainfit --val ../estuary_nitrate/data/train.csv                        # plain model on its own (polluted) training rows

run coral_bleaching plain;          run coral_bleaching twin --set lr=0.1
run coral_bleaching extra_cfg --set epochs=2000
run coral_bleaching extra_cfg2 --set momentum=0.9
run coral_bleaching extra_cfg3 --set early_stopping_patience=100
run coral_bleaching extra_cfg4 --set lr=0.001
run coral_bleaching extra_cfg5 --set optimizer='"adam"'
run coral_bleaching extra_cfg6 --set lr=0.01
run coral_bleaching extra_trainfit --val ../coral_bleaching/data/train.csv

# ---- measurements the driver does not record (refit with the same code and config, seed 0) ----
$PY - <<'PYEOF' || echo "FAILED round7_b diag"
import json, sys, importlib.util, tomllib, warnings
import numpy as np, pandas as pd
def load(prog, code=None):
    spec = tomllib.load(open(f"../{prog}/spec.toml", "rb"))
    f, fn = spec["model"]["entrypoint"].split(":")
    s = importlib.util.spec_from_file_location(prog + "_m", code or f"../{prog}/{f}")
    m = importlib.util.module_from_spec(s); sys.path.insert(0, f"../{prog}/code"); s.loader.exec_module(m)
    tr = pd.read_csv(f"../{prog}/data/train.csv"); va = pd.read_csv(f"../{prog}/data/val.csv")
    return spec, getattr(m, fn), tr, va
D = {}
# espresso_extraction: number of polynomial terms, how far the validation shots lie outside the lab study's box
spec, build, tr, va = load("espresso_extraction"); T = spec["data"]["target"]; f = [c for c in tr.columns if c != T]
est = build(spec["config"]).fit(tr[f].to_numpy(float), tr[T].to_numpy())
z = (va[f] - tr[f].mean()) / tr[f].std(ddof=0)
p = est.predict(va[f].to_numpy(float)); err = np.abs(p - va[T].to_numpy())
out = ((va[f] < tr[f].min()) | (va[f] > tr[f].max())).any(axis=1).to_numpy()
D["espresso_extraction"] = dict(n_train=len(tr), n_terms=int(est.named_steps["terms"].n_output_features_),
    coef_abs_max=round(float(np.abs(est.named_steps["ols"].coef_).max()), 1),
    val_rows_outside_train_box=int(out.sum()), rmse_val_inside_box=round(float(np.sqrt(np.mean(err[~out] ** 2))), 4),
    rmse_val_outside_box=round(float(np.sqrt(np.mean(err[out] ** 2))), 4), val_max_abs_error=round(float(err.max()), 2),
    val_rows_outside_by_factor={c: int(((va[c] < tr[c].min()) | (va[c] > tr[c].max())).sum()) for c in f},
    train_range={c: [float(tr[c].min()), float(tr[c].max())] for c in f}, val_range={c: [float(va[c].min()), float(va[c].max())] for c in f},
    n_terms_other={k: int(build({**spec["config"], **cfg}).fit(tr[f].to_numpy(float), tr[T].to_numpy()).named_steps["terms"].n_output_features_)
                   for k, cfg in (("degree2", {"degree": 2}), ("degree3", {"degree": 3}), ("interaction_only6", {"interaction_only": True}))})
# weld_inspection: predicted class counts of the plain and twin forests on validation, true counts
for tag, code in (("plain", None), ("twin", "../_twins/weld_inspection/seam_forest.py")):
    spec, fn, tr, va = load("weld_inspection", code); T = spec["data"]["target"]; f = [c for c in tr.columns if c != T]
    model, hist = fn(tr, va, spec["config"])
    D.setdefault("weld_inspection", {})[f"val_pred_counts_{tag}"] = np.bincount(model.predict(va[f].to_numpy()), minlength=4).tolist()
    D["weld_inspection"][f"train_accuracy_last_{tag}"] = round(hist["train_accuracy"][-1], 4)
D["weld_inspection"]["val_true_counts"] = np.bincount(va[T], minlength=4).tolist()
y = tr[T].to_numpy(); D["weld_inspection"]["train_label_agreement_with_next_row"] = round(float(np.mean(y[:-1] == y[1:])), 4)
# estuary_nitrate: sentinel rows, training target mean with and without them, plain prediction range
spec, build, tr, va = load("estuary_nitrate"); T = spec["data"]["target"]; f = [c for c in tr.columns if c != T]
bad = tr[T] == -999
est = build(spec["config"]).fit(tr[f].to_numpy(float), tr[T].to_numpy())
p = est.predict(va[f].to_numpy(float))
D["estuary_nitrate"] = dict(n_train=len(tr), n_sentinel=int(bad.sum()), sentinel_file_lines=(np.where(bad)[0] + 2).tolist(),
    train_target_mean=round(float(tr[T].mean()), 3), train_target_mean_clean=round(float(tr.loc[~bad, T].mean()), 3),
    train_target_min_clean=round(float(tr.loc[~bad, T].min()), 3), train_target_max_clean=round(float(tr.loc[~bad, T].max()), 3),
    val_target_min=round(float(va[T].min()), 3), val_target_max=round(float(va[T].max()), 3),
    val_pred_min=round(float(p.min()), 2), val_pred_max=round(float(p.max()), 2), val_pred_mean=round(float(p.mean()), 2),
    stack_final_coef=[round(float(c), 3) for c in est.final_estimator_.coef_])
# coral_bleaching: epochs run, loss curve, stopping without a warning
spec, build, tr, va = load("coral_bleaching"); T = spec["data"]["target"]; f = [c for c in tr.columns if c != T]
for tag, cfg in (("plain", {}), ("twin", {"lr": 0.1}), ("extra_cfg", {"epochs": 2000}), ("extra_cfg3", {"early_stopping_patience": 100})):
    with warnings.catch_warnings(record=True) as wl:
        warnings.simplefilter("always")
        est = build({**spec["config"], **cfg}).fit(tr[f].to_numpy(float), tr[T].to_numpy())
    net = est.named_steps["net"]
    D.setdefault("coral_bleaching", {})[tag] = dict(n_iter=int(net.n_iter_), loss_first=round(float(net.loss_curve_[0]), 4),
        loss_last=round(float(net.loss_curve_[-1]), 4), best_internal_val_acc=round(float(net.best_validation_score_), 4),
        val_pred_counts=np.bincount(est.predict(va[f].to_numpy(float)), minlength=3).tolist(), n_warnings=len(wl))
D["coral_bleaching"]["val_true_counts"] = np.bincount(va[T], minlength=3).tolist()
json.dump(D, open("results/round7_b_diag.json", "w"), indent=1)
print(json.dumps(D, indent=1))
PYEOF
