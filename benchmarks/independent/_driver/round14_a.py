"""Round 14 (part a): three programs with positive, count or skewed targets (rmse), written against CONTRACT.md
alone, measured with driver.py by run_round14_a.sh.

P14A has the same fields as round4.py's entries; the metrics of the extra runs are written in as numbers and
EXTRA_RUNS_A lists those to check. `python round14_a.py` (after the run script) checks the quoted numbers against
the result files; `python round14_a.py refs` writes the reference fits and diagnostics quoted in the entries to
results/round14_a_refs.json.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math, sys

R = ROOT + "/_driver/results"

P14A = [
 dict(name="trailhead_counts", shape="function, 4-arg, plain torch Poisson regression network (standardisation buffers, 2 x hidden_units ReLU, linear head giving the log-rate with its bias initialised at log(training mean)), F.poisson_nll_loss(log_input=True) on raw daily counts, Adam on shuffled mini-batches, monitor.log_epoch(train_loss, val_loss, metric, grad_norm, lr); forward returns exp(log-rate); returns the nn.Module",
      status="faulty", metric="rmse", units="hikers/day",
      fault="code/hiker_net.py line 25: log_rate() clamps the network's log-rate to [-5, 5] 'to keep exp() in a safe range', used by the loss (line 52) and by forward (line 28), so the model can never predict more than exp(5) = 148.41 hikers/day, while 23.7% of the training days and 23.2% of the validation days exceed it (training mean 115.0, max 1087; results/round14_a_refs.json). The clamp also has zero gradient above the bound, so the busy trailheads' days stop teaching the network once they hit it. The validation predictions top out at exactly 148.41; on the validation days above the bound the plain model predicts 138.94 on average against an observed 262.54 (twin 234.88). Val RMSE falls 97.03 -> 88.19 in two epochs and then sits at 86.6-87.4 for 58 epochs (final 87.03; train loss -453.49 against the twin's -467.71): worse than the linear (64.38) and boosting (53.98) references, constant 107.82",
      expected_symptoms=["underfitting"], expected_causes=["output_range_mismatch"], repairable=False,
      twin_fix="code: the clamp widened to [-12, 12] at line 25 of _twins/trailhead_counts/hiker_net.py (exp(12) far above any count); config unchanged: val RMSE 55.82 (best epoch 52.75), predictions up to 706.43, train RMSE 48.19 (extra_twin_trainfit)",
      extra="config-only attempts cannot lift the bound: lr=0.01 -> 87.1074; epochs=150 -> 87.1043; hidden_units=128 -> 87.2105; the contract's standardize repair (features pre-standardised with training statistics) -> 86.9947; the standardize_target repair -> 107.819, no better than the constant (the code takes log(mean) of the standardised target for its initial bias and fits a Poisson rate to a zero-mean target); the plain model on its own training rows -> 97.0006 (extra_trainfit): it underfits training as much as validation"),
 dict(name="pothole_reports", shape="function, 3-arg, Keras 3 (torch backend) Sequential (Input -> adapted Normalization -> 2 Dense ReLU -> Dense(1)) trained with MSE on log1p(count), Adam, EarlyStopping(monitor val_loss, patience from [config], restore_best_weights=True); returns (a plain Python wrapper whose predict() is expm1 of the network clipped at 0, History.history: loss/val_loss)",
      status="faulty", metric="rmse", units="reports per segment-week",
      fault="code/pothole_keras.py line 27: the validation target is transformed with np.log while the training target uses np.log1p (line 26). 86 of the 500 validation segment-weeks have no report, log(0) = -inf (RuntimeWarning: divide by zero encountered in log), so val_loss is inf from epoch 1. EarlyStopping (lines 39-40) keeps the epoch-1 weights as its first 'best', no later inf is an improvement, training stops after epoch 16 (patience 15) and the epoch-1 weights are restored: the returned network has seen one epoch of Adam at lr 0.001 (train loss 1.343 at epoch 1 against 0.325 at epoch 16). Val RMSE 5.7778, barely better than the constant (5.9713) and worse than the linear (4.4758) and boosting (4.3072) references; val prediction sd 2.80 against 4.54 for the twin",
      expected_symptoms=["nan_loss", "underfitting"], expected_causes=["train_val_mismatch"], repairable=False,
      twin_fix="code: np.log1p for the validation target too (line 27 of _twins/pothole_reports/pothole_keras.py); config unchanged: val loss 0.680 at epoch 1, best 0.329 at epoch 30, stopped at epoch 45 with those weights restored; val RMSE 4.1372",
      extra="config-only attempts: early_stopping_patience=150 -> 5.7778 and epochs=400 with patience 400 -> 5.7778 (all epochs run, the epoch-1 weights are still restored); lr=0.01 -> 4.7294 (a better first epoch, still 1.14x the twin and behind the linear reference; val_loss still inf); the contract's standardize_target repair (the driver hands the code (y-mean)/sd) -> 5.3375 (the code's log1p/log of negative values gives NaN val loss, the same epoch-1 restore). Scored on its own training rows (train.csv passed as validation, which also has zeros) the returned network gives 41.7165 (extra_trainfit; prediction sd 42.3 against a target sd of 6.2): the epoch-1 network is far from fitted"),
 dict(name="highland_rainfall", shape="kind=sklearn, build_estimator(config) -> Pipeline(StandardScaler, SplineTransformer(n_knots, degree from [config]), PoissonRegressor(alpha, max_iter, tol from [config])): an additive cubic-spline Poisson (log-link) GLM, GAM-like, fitted to a zero-inflated continuous rainfall amount; one fit, no partial_fit or warm_start",
      status="healthy", metric="rmse", units="mm/day", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      twin_fix="none (healthy); val RMSE 5.779 mm/day against the constant 8.0836, linear 6.1005 and boosting 5.9929 references (results/round14_a_refs.json); lbfgs converges in 54 of 1000 iterations on 42 spline features, no ConvergenceWarning; train RMSE 6.0863 (extra_trainfit), no train/validation gap. 66% of training gauge-days are dry and the RMSE is dominated by the scatter of wet-day amounts, hence the modest gain over the constant",
      extra="n_knots=8 -> 5.8053 (more knots change nothing)"),
]

EXTRA_RUNS_A = {
    "trailhead_counts": {"plain": 87.0267, "twin": 55.8157, "extra_cfg": 87.1074, "extra_cfg2": 87.1043,
                         "extra_cfg3": 87.2105, "extra_std": 86.9947, "extra_std_target": 107.819,
                         "extra_trainfit": 97.0006, "extra_twin_trainfit": 48.1882},
    "pothole_reports": {"plain": 5.7778, "twin": 4.1372, "extra_cfg": 4.7294, "extra_cfg2": 5.7778,
                        "extra_cfg3": 5.7778, "extra_std_target": 5.3375, "extra_trainfit": 41.7165},
    "highland_rainfall": {"plain": 5.779, "extra_trainfit": 6.0863, "extra_cfg": 5.8053},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def refs():
    """constant / scaled linear / HistGradientBoosting on each program's split, plus diagnostics quoted in P14A."""
    import importlib.util, tomllib
    import numpy as np, pandas as pd
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.ensemble import HistGradientBoostingRegressor
    out = {}
    for name in ("trailhead_counts", "pothole_reports", "highland_rainfall"):
        p = f"{ROOT}/{name}"
        s = tomllib.load(open(p + "/spec.toml", "rb")); t = s["data"]["target"]
        tr = pd.read_csv(p + "/data/train.csv"); va = pd.read_csv(p + "/data/val.csv")
        f = [c for c in tr.columns if c != t]
        r = lambda q: round(float(np.sqrt(np.mean((np.asarray(q) - va[t].to_numpy()) ** 2))), 4)
        d = dict(constant=r(np.full(len(va), tr[t].mean())),
                 linear=r(make_pipeline(StandardScaler(), LinearRegression()).fit(tr[f], tr[t]).predict(va[f])),
                 boosting=r(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[t]).predict(va[f])),
                 n_train=len(tr), n_val=len(va), target_mean_train=round(float(tr[t].mean()), 3),
                 target_max_train=float(tr[t].max()), zero_share_train=round(float((tr[t] == 0).mean()), 4),
                 zero_count_val=int((va[t] == 0).sum()))
        out[name] = d
    # trailhead_counts: the plain and twin networks retrained as the driver does, to read their predictions
    import torch
    class Mon:
        should_stop = False
        def log_epoch(self, **kw): pass
    tr = pd.read_csv(f"{ROOT}/trailhead_counts/data/train.csv"); va = pd.read_csv(f"{ROOT}/trailhead_counts/data/val.csv")
    cfg = tomllib.load(open(f"{ROOT}/trailhead_counts/spec.toml", "rb"))["config"]
    cap = float(np.exp(5.0))
    out["trailhead_counts"].update(share_train_above_cap=round(float((tr.hikers > cap).mean()), 4),
                                   share_val_above_cap=round(float((va.hikers > cap).mean()), 4), cap=round(cap, 2))
    for tag, code in (("plain", f"{ROOT}/trailhead_counts/code/hiker_net.py"),
                      ("twin", f"{ROOT}/_twins/trailhead_counts/hiker_net.py")):
        torch.manual_seed(0); torch.set_num_threads(1)
        spec = importlib.util.spec_from_file_location("hn_" + tag, code)
        mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
        model = mod.train_model(tr, va, dict(cfg), Mon())
        model.eval()
        with torch.no_grad():
            X = torch.tensor(va.drop(columns=["hikers"]).to_numpy(np.float32))
            pred = model(X).numpy(); eta = model.head(model.body((X - model.mean) / model.sd)).squeeze(-1).numpy()
        out["trailhead_counts"][tag] = dict(
            val_rmse=round(float(np.sqrt(np.mean((pred - va.hikers.to_numpy()) ** 2))), 4),
            pred_max=round(float(pred.max()), 2), share_val_pred_at_cap=round(float((eta >= 5.0).mean()), 4),
            val_rmse_days_above_cap=round(float(np.sqrt(np.mean(((pred - va.hikers.to_numpy()) ** 2)[va.hikers.to_numpy() > cap]))), 2),
            mean_pred_days_above_cap=round(float(pred[va.hikers.to_numpy() > cap].mean()), 2),
            mean_obs_days_above_cap=round(float(va.hikers.to_numpy()[va.hikers.to_numpy() > cap].mean()), 2))
    # highland_rainfall: GLM iterations
    spec = importlib.util.spec_from_file_location("rg", f"{ROOT}/highland_rainfall/code/rain_gam.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    cfg = tomllib.load(open(f"{ROOT}/highland_rainfall/spec.toml", "rb"))["config"]
    tr = pd.read_csv(f"{ROOT}/highland_rainfall/data/train.csv")
    est = mod.build_estimator(cfg).fit(tr.drop(columns=["rain_mm"]).to_numpy(float), tr.rain_mm.to_numpy())
    out["highland_rainfall"]["glm_n_iter"] = int(est[-1].n_iter_)
    out["highland_rainfall"]["n_spline_features"] = int(est[-1].coef_.shape[0])
    json.dump(out, open(f"{R}/round14_a_refs.json", "w"), indent=1)
    print(json.dumps(out, indent=1))


def check():
    bad = 0
    for name, runs in EXTRA_RUNS_A.items():
        for tag, want in runs.items():
            got = m(name, tag)
            if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}")
                bad += 1
    print(f"round14_a check: {sum(len(r) for r in EXTRA_RUNS_A.values())} quoted extra-run metrics, {bad} mismatches")
    return bad == 0


if __name__ == "__main__":
    if sys.argv[1:] == ["refs"]:
        refs()
    else:
        sys.exit(0 if check() else 1)
