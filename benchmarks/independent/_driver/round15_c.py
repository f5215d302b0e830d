"""Round 15 (part c): three likelihood programs beyond the normal, written against CONTRACT.md alone and measured
with driver.py by run_round15_c.sh: a hurdle (logistic occurrence + gamma amount) model of daily gauge rainfall
(kind=mle), a right-censored Weibull regression of pump seal life fitted with scipy.optimize.minimize in function
mode, and a zero-inflated negative-binomial model of tick burdens (kind=mle, healthy).

P15C has the same fields as round4.py's entries; EXTRA_RUNS_C lists every extra-run metric quoted in `extra`
(rounded to 4 places), QUOTED_C the plain/twin metrics, DIAG_C the reference fits and diagnostics quoted in `fault` /
`twin_fix` (results/round15_c_diag.json, written by `python round15_c.py diag`). `python round15_c.py` (after
run_round15_c.sh) checks every quoted number against the result files.
"""
import os as _os
import sys as _sys
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P15C = [
 dict(name="fell_raingauges", shape="kind=mle, two-part (hurdle) model of daily gauge rainfall: logistic wet-day occurrence linear in scaled relative humidity, 24 h pressure tendency and wind speed, and a gamma amount on wet days with log-mean linear in the same three plus gauge elevation (shape as log_shape); 10 params with bounds, NLL with gammaln; predicts p_wet * mu; 1500 training gauge-days, 700 validation",
      status="faulty", metric="rmse", units="mm/day",
      fault="code/rain_hurdle.py line 42: the occurrence log-likelihood sums log(p_wet) over the wet days only; the dry days' term log(1 - p_wet) is missing, so nothing in the likelihood penalises calling a dry day wet. L-BFGS-B drives the occurrence intercept a0 to its upper bound 10.0 (PARAMS line 7) and still reports 'CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH' after 33 iterations. The fitted wet-day probability is at least 0.676 on every training day (mean 0.9994) while 42.1% of the training days are wet, so predict() (p_wet * mu, line 51) returns about the wet-day mean amount for every day: mean prediction 8.93 mm on the training days (observed mean 4.47) and 9.04 mm on the validation days (observed 4.48). The occurrence block of the information matrix is nearly flat: four Hessian eigenvalues 0.0029-0.0114 against a largest of 3151, condition number 1.07e6, standard errors of the four occurrence coefficients 9.8-16.8 (twin 0.08-0.16). The gamma amount part is unaffected (b coefficients and shape equal to the twin's). Val RMSE 8.754, worse than the constant (8.695), linear (7.357) and boosting (7.348) references and the twin (6.407); 8.286 on its own training days (extra_trainfit). No NaN, no warning",
      expected_symptoms=["underfitting", "surprising_optimum", "singular_matrix"], expected_causes=["code_error"], repairable=False,
      twin_fix="code: line 42 adds the dry days' term, `ll_occ = np.sum(np.log(p_wet[wet])) + np.sum(np.log1p(-p_wet[~wet]))` (_twins/fell_raingauges/rain_hurdle.py); converges in 21 iterations: a0 -1.066, a_rh 2.844, a_ptend -1.718, a_wind 0.333 (generator -1.0, 2.6, -1.6, 0.3), mean fitted wet-day probability 0.4213 on the training days (observed wet share 0.4213), b0 1.580, b_elev 0.931, log_shape 0.826 (generator 1.6, 0.9, log 2.2 = 0.789), Hessian condition number 103, no warning; val RMSE 6.407, ahead of the linear (7.357) and boosting (7.348) references",
      extra="a kind=mle program whose likelihood reads no [config] key (epochs is not used by a likelihood fit): no config-only attempt exists. Data repairs: `standardize` (features standardised with training mean/sd, on copies via --train/--val) -> 8.827 (the code's own centring constants then act on z-scores; b_elev stops at its bound 5.0, smallest Hessian eigenvalue 7.4e-21, condition number 1.2e25); drop_non_finite_rows -> 8.7541 (nothing to drop: identical to plain). The contract's re-parameterisations (log-transform of positive parameters, tying, ridge toward a group mean) cannot restore a missing likelihood term: repairable = no. The plain fit scored on its own training days -> 8.2865 (extra_trainfit), worse than the constant even there"),
 dict(name="slurry_pump_seals", shape="function, 4-arg, right-censored Weibull regression of mechanical seal life (log scale linear in discharge pressure, solids mass fraction and shaft speed, shape k as log_k; 5 params) fitted by maximum likelihood with scipy.optimize.minimize (method, maxiter = epochs, gtol and the starting shape from [config]; finite-difference gradient) with a callback calling monitor.log_epoch(train_loss, val_loss, metric) every iteration; censored seals (failed = 0) contribute the survivor function; returns a small Python class whose predict() gives the mean life exp(eta) Gamma(1 + 1/k); 900 training seals (18.4% still running at 14,000 h), 400 validation seals followed to failure",
      status="faulty", metric="rmse", units="operating hours",
      fault="code/seal_weibull.py lines 14-16: design() enters the covariates in their raw units, discharge pressure in Pa (2e5-9e5) beside the solids mass fraction (0.002-0.03) and shaft speed in rpm (900-1800), so the coefficients the data call for differ by seven orders of magnitude (generator -1.6e-6 per Pa, -45 per unit mass fraction, -0.0012 per rpm) and the NLL is extremely ill-conditioned in these parameters (Hessian condition number 3.0e14 at the returned point; 39.9 in the twin's units). With L-BFGS-B (spec.toml line 11) and finite-difference gradients the NLL barely moves and the optimiser stops with 'CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH' after 3 iterations at 8.3470 per seal (twin 7.6422), essentially at its starting point: b_solids -4.7e-15, b_speed 9.3e-10, b_press 1.2e-7 (the wrong sign), Weibull shape k 1.0, its starting value (generator 3.0, twin 3.02). The history has 3 rows (train loss 8.3471 -> 8.3470). The predictions are nearly constant: val prediction sd 213 h against a target sd of 6608 h; val RMSE 6721 h, worse than the constant (6689), linear (5243) and boosting (5573) references; twin 3986. No NaN, no warning",
      expected_symptoms=["underfitting", "constant_output"], expected_causes=["parameter_scaling", "unscaled_features"], repairable=True,
      twin_fix="code: design() centres and scales the covariates to operating units (pressure per 100 kPa about 500 kPa, solids per 1 % about 1.5 %, speed per 100 rpm about 1350; lines 14-21 of _twins/slurry_pump_seals/seal_weibull.py); config unchanged (L-BFGS-B): converges in 16 iterations, b0 9.209, b_press -0.159, b_solids -0.440, b_speed -0.120, k 3.02 (generator 9.2, -0.16, -0.45, -0.12, 3.0), Hessian condition number 39.9; val RMSE 3986 h, ahead of the linear (5243) and boosting (5573) references",
      extra="config-only attempts (plain code): optimizer=\"BFGS\" -> 4014.7746 ('Desired error not necessarily achieved due to precision loss' after 28 iterations, yet at the optimum: 1.007x the twin, hence repairable = yes); optimizer=\"Powell\" -> 3979.0776 (RuntimeWarning: overflow encountered in exp); optimizer=\"Nelder-Mead\" -> 4829.5901 (maxiter 300 exceeded); optimizer=\"CG\" -> 6688.823 (precision loss after 0 iterations: the constant prediction); epochs=3000 -> 6720.8649 and gtol=1e-10 -> 6720.8649 (identical to plain: L-BFGS-B stops on the relative reduction of the NLL, not on maxiter or gtol); shape_init=3.0 (the generating shape, a user key) -> 6930.5319. Data repairs: `standardize` on every feature column -> 191841.0884 (the 0/1 censoring indicator `failed` is standardised too, the code's `failed == 1` is then never true, every seal counts as censored and the NLL runs to 0); `standardize` on the three continuous covariates only -> 3985.5814 (the twin's metric). The twin code with optimizer=\"BFGS\" -> 3985.6026"),
 dict(name="vole_tick_burdens", shape="kind=mle, zero-inflated negative-binomial regression of tick counts per vole: logit structural-zero probability in habitat (woodland 0/1), NB log-mean linear in centred ground-layer humidity, vole mass and deer density, size as log_r; 7 params with bounds, NLL with gammaln and np.logaddexp for the zeros; predicts (1 - pi) * mu; 1200 training captures, 500 validation",
      status="healthy", metric="rmse", units="ticks per vole", fault="none", expected_symptoms=[], expected_causes=[],
      repairable=False,
      twin_fix="none (healthy); L-BFGS-B converges in 32 iterations ('CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH'): z0 0.297, z_wood -1.418, b0 1.249, b_rh 0.0541, b_mass 0.0695, b_deer 0.0651, log_r 0.322 (generator 0.4, -1.6, 1.3, 0.045, 0.05, 0.07, log 1.6 = 0.47), standard errors 0.005-0.156, every estimate within 2.1 SE of its generating value, Hessian condition number 1.5e3, no warning; val RMSE 5.032 against the linear (5.3525) and boosting (5.6402) references, constant 5.9648; 49% of the training voles carry no tick and the negative-binomial scatter sets the RMSE floor",
      extra="the plain fit scored on its own training captures -> 7.2057 (extra_trainfit; the training split has the heavier tail)"),
]

EXTRA_RUNS_C = {
    "fell_raingauges": {"extra_std": 8.827, "extra_drop_nonfinite": 8.7541, "extra_trainfit": 8.2865},
    "slurry_pump_seals": {"extra_cfg": 4014.7746, "extra_cfg2": 3979.0776, "extra_cfg3": 4829.5901, "extra_cfg4": 6720.8649,
                          "extra_cfg5": 6688.823, "extra_cfg6": 6720.8649, "extra_init": 6930.5319, "extra_std": 191841.0884,
                          "extra_std3": 3985.5814, "extra_twin_cfg": 3985.6026},
    "vole_tick_burdens": {"extra_trainfit": 7.2057},
}
# plain / twin metrics
QUOTED_C = {
    "fell_raingauges": {"plain": 8.7541, "twin": 6.4067},
    "slurry_pump_seals": {"plain": 6720.8649, "twin": 3985.5988},
    "vole_tick_burdens": {"plain": 5.0317},
}
# other fields of the result files quoted in fault / twin_fix / extra: (name, tag, field path) -> value (3 significant digits)
FIELDS_C = {
    ("fell_raingauges", "plain", ("nit",)): 33, ("fell_raingauges", "plain", ("theta", "a0")): 10.0,
    ("fell_raingauges", "plain", ("cond",)): 1.07e6, ("fell_raingauges", "plain", ("hess_eig", 0)): 0.00295,
    ("fell_raingauges", "plain", ("hess_eig", 3)): 0.0114, ("fell_raingauges", "plain", ("hess_eig", 9)): 3151.0,
    ("fell_raingauges", "plain", ("se", 0)): 9.80, ("fell_raingauges", "plain", ("se", 1)): 16.8,
    ("fell_raingauges", "twin", ("se", 0)): 0.091, ("fell_raingauges", "twin", ("se", 1)): 0.156, ("fell_raingauges", "twin", ("se", 3)): 0.0762,
    ("fell_raingauges", "twin", ("nit",)): 21, ("fell_raingauges", "twin", ("cond",)): 103.0,
    ("fell_raingauges", "twin", ("theta", "a0")): -1.066, ("fell_raingauges", "twin", ("theta", "a_rh")): 2.844,
    ("fell_raingauges", "twin", ("theta", "a_ptend")): -1.718, ("fell_raingauges", "twin", ("theta", "a_wind")): 0.333,
    ("fell_raingauges", "twin", ("theta", "b0")): 1.580, ("fell_raingauges", "twin", ("theta", "b_elev")): 0.931,
    ("fell_raingauges", "twin", ("theta", "log_shape")): 0.826,
    ("fell_raingauges", "extra_std", ("theta", "b_elev")): 5.0, ("fell_raingauges", "extra_std", ("hess_eig", 0)): 7.4e-21, ("fell_raingauges", "extra_std", ("cond",)): 1.2e25,
    ("vole_tick_burdens", "plain", ("nit",)): 32, ("vole_tick_burdens", "plain", ("cond",)): 1.47e3,
    ("vole_tick_burdens", "plain", ("theta", "z0")): 0.297, ("vole_tick_burdens", "plain", ("theta", "z_wood")): -1.418,
    ("vole_tick_burdens", "plain", ("theta", "b0")): 1.249, ("vole_tick_burdens", "plain", ("theta", "b_rh")): 0.0541,
    ("vole_tick_burdens", "plain", ("theta", "b_mass")): 0.0695, ("vole_tick_burdens", "plain", ("theta", "b_deer")): 0.0651,
    ("vole_tick_burdens", "plain", ("theta", "log_r")): 0.322,
    ("vole_tick_burdens", "plain", ("se", 3)): 0.00529, ("vole_tick_burdens", "plain", ("se", 1)): 0.156,
    ("slurry_pump_seals", "plain", ("n_epochs_logged",)): 3, ("slurry_pump_seals", "plain", ("val_pred_std",)): 213.0,
    ("slurry_pump_seals", "plain", ("history_head", "train_loss", 0)): 8.3471,
    ("slurry_pump_seals", "plain", ("history_head", "train_loss", 2)): 8.3470,
}
# reference fits and diagnostics (results/round15_c_diag.json): (key, path) -> value
DIAG_C = {
    ("fell_raingauges", ("constant",)): 8.695, ("fell_raingauges", ("linear",)): 7.3566, ("fell_raingauges", ("boosting",)): 7.3479,
    ("fell_raingauges", ("plain", "p_wet_min_train")): 0.676406, ("fell_raingauges", ("plain", "p_wet_mean_train")): 0.9994,
    ("fell_raingauges", ("wet_share_train",)): 0.4213, ("fell_raingauges", ("twin", "p_wet_mean_train")): 0.4213,
    ("fell_raingauges", ("plain", "pred_mean_train")): 8.9272, ("fell_raingauges", ("train_target_mean",)): 4.4651,
    ("fell_raingauges", ("plain", "pred_mean_val")): 9.042, ("fell_raingauges", ("val_mean",)): 4.4823,
    ("slurry_pump_seals", ("constant",)): 6688.823, ("slurry_pump_seals", ("linear",)): 5243.1555,
    ("slurry_pump_seals", ("boosting",)): 5572.643, ("slurry_pump_seals", ("censored_share_train",)): 0.1844,
    ("slurry_pump_seals", ("val_target_sd",)): 6607.9916,
    ("slurry_pump_seals", ("plain", "hess_cond")): 3.03e14, ("slurry_pump_seals", ("twin", "hess_cond")): 39.9,
    ("slurry_pump_seals", ("plain", "shape_k")): 1.0, ("slurry_pump_seals", ("twin", "shape_k")): 3.0197,
    ("slurry_pump_seals", ("plain", "theta", "b_solids")): -4.73e-15, ("slurry_pump_seals", ("plain", "theta", "b_speed")): 9.34e-10,
    ("slurry_pump_seals", ("plain", "theta", "b_press")): 1.18e-7,
    ("slurry_pump_seals", ("twin", "theta", "b0")): 9.209, ("slurry_pump_seals", ("twin", "theta", "b_press")): -0.1595,
    ("slurry_pump_seals", ("twin", "theta", "b_solids")): -0.4397, ("slurry_pump_seals", ("twin", "theta", "b_speed")): -0.1197,
    ("slurry_pump_seals", ("plain", "optimizer_report")): "optimizer: CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH after 3 iterations, nll 8.3470",
    ("slurry_pump_seals", ("twin", "optimizer_report")): "optimizer: CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH after 16 iterations, nll 7.6422",
    ("vole_tick_burdens", ("constant",)): 5.9648, ("vole_tick_burdens", ("linear",)): 5.3525, ("vole_tick_burdens", ("boosting",)): 5.6402,
    ("vole_tick_burdens", ("zero_share_train",)): 0.4925,
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def _same(got, want):
    return got == want or (got is not None and want is not None and abs(got - want) < 6e-5)


def diag():
    import importlib.util
    import numpy as np, pandas as pd
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.linear_model import LinearRegression
    from sklearn.ensemble import HistGradientBoostingRegressor

    def load(path):
        s = importlib.util.spec_from_file_location("m" + str(abs(hash(path))), path)
        mod = importlib.util.module_from_spec(s); s.loader.exec_module(mod); return mod

    def rmse(a, b):
        return float(np.sqrt(np.mean((np.asarray(a, float) - np.asarray(b, float)) ** 2)))

    out = {}
    targets = {"fell_raingauges": "rain_mm", "slurry_pump_seals": "hours_to_failure", "vole_tick_burdens": "ticks"}
    data = {}
    for name, t in targets.items():
        tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
        data[name] = (tr, va)
        f = [c for c in tr.columns if c != t]
        lin = make_pipeline(StandardScaler(), LinearRegression()).fit(tr[f], tr[t])
        gbm = HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[t])
        out[name] = {"constant": round(rmse(np.full(len(va), tr[t].mean()), va[t]), 4),
                     "linear": round(rmse(lin.predict(va[f]), va[t]), 4),
                     "boosting": round(rmse(gbm.predict(va[f]), va[t]), 4),
                     "train_target_mean": round(float(tr[t].mean()), 4), "val_target_sd": round(float(va[t].std()), 4)}

    # fell_raingauges: what the plain optimum predicts on the training days
    tr, va = data["fell_raingauges"]
    mod = load(f"{ROOT}/fell_raingauges/code/rain_hurdle.py")
    for tag in ("plain", "twin"):
        th = json.load(open(f"{R}/fell_raingauges_{tag}.json"))["theta"]
        th = np.array([th[p["name"]] for p in mod.PARAMS])
        p_tr, mu_tr = mod._parts(th, tr)
        p_va, _ = mod._parts(th, va)
        out["fell_raingauges"][tag] = {"p_wet_min_train": round(float(p_tr.min()), 6),
                                       "p_wet_mean_train": round(float(p_tr.mean()), 4),
                                       "p_wet_mean_val": round(float(p_va.mean()), 4),
                                       "pred_mean_train": round(float((p_tr * mu_tr).mean()), 4),
                                       "pred_mean_val": round(float(mod.predict(th, va).mean()), 4)}
    out["fell_raingauges"]["wet_share_train"] = round(float((tr["rain_mm"] > 0).mean()), 4)
    out["fell_raingauges"]["wet_share_val"] = round(float((va["rain_mm"] > 0).mean()), 4)
    out["fell_raingauges"]["val_mean"] = round(float(va["rain_mm"].mean()), 4)
    out["fell_raingauges"]["generator"] = dict(a0=-1.0, a_rh=2.6, a_ptend=-1.6, a_wind=0.3, b0=1.6, b_rh=0.10,
                                               b_ptend=-0.10, b_wind=0.35, b_elev=0.9, log_shape=round(math.log(2.2), 4))

    # slurry_pump_seals: refit plain and twin code to record the estimates and the optimizer's report
    tr, va = data["slurry_pump_seals"]
    out["slurry_pump_seals"]["censored_share_train"] = round(float((tr["failed"] == 0).mean()), 4)
    spec_cfg = dict(optimizer="L-BFGS-B", epochs=300, gtol=1e-5, shape_init=1.0)

    class Mon:
        def __init__(self): self.rows = []; self.should_stop = False
        def log_epoch(self, **kw): self.rows.append(kw)

    import contextlib, io
    for tag, path in (("plain", f"{ROOT}/slurry_pump_seals/code/seal_weibull.py"),
                      ("twin", f"{ROOT}/_twins/slurry_pump_seals/seal_weibull.py")):
        mod = load(path)
        with contextlib.redirect_stdout(io.StringIO()) as buf:
            model = mod.train_model(tr, va, dict(spec_cfg), Mon())
        th = model.theta
        Xtr = mod.design(tr); t = tr["hours_to_failure"].to_numpy(float); fl = tr["failed"].to_numpy()
        k = len(th); H = np.zeros((k, k)); h = 1e-4 * np.maximum(np.abs(th), 1e-2)
        f = lambda x: mod.nll(x, Xtr, t, fl) * len(t)
        for i in range(k):
            for j in range(i, k):
                ei = np.zeros(k); ej = np.zeros(k); ei[i] = h[i]; ej[j] = h[j]
                H[i, j] = H[j, i] = (f(th + ei + ej) - f(th + ei - ej) - f(th - ei + ej) + f(th - ei - ej)) / (4 * h[i] * h[j])
        ev = np.linalg.eigvalsh(H)
        out["slurry_pump_seals"][tag] = {"theta": dict(zip(["b0", "b_press", "b_solids", "b_speed", "log_k"], [float(x) for x in th])),
                                         "shape_k": round(float(np.exp(th[-1])), 4),
                                         "optimizer_report": buf.getvalue().splitlines()[0],
                                         "hess_cond": float(abs(ev).max() / max(abs(ev).min(), 1e-300)),
                                         "val_pred_sd": round(float(np.std(model.predict(va))), 4),
                                         "val_pred_mean": round(float(np.mean(model.predict(va))), 4)}
    out["slurry_pump_seals"]["val_mean"] = round(float(va["hours_to_failure"].mean()), 4)
    out["slurry_pump_seals"]["generator"] = {"raw": dict(b0_at_centre=9.2, b_press=-1.6e-6, b_solids=-45.0, b_speed=-0.0012, k=3.0),
                                             "twin_units": dict(b0=9.2, b_press=-0.16, b_solids=-0.45, b_speed=-0.12, log_k=round(math.log(3.0), 4))}

    tr, va = data["vole_tick_burdens"]
    out["vole_tick_burdens"]["zero_share_train"] = round(float((tr["ticks"] == 0).mean()), 4)
    out["vole_tick_burdens"]["generator"] = dict(z0=0.4, z_wood=-1.6, b0=1.3, b_rh=0.045, b_mass=0.05, b_deer=0.07,
                                                 log_r=round(math.log(1.6), 4))
    json.dump(out, open(f"{R}/round15_c_diag.json", "w"), indent=1)
    print(json.dumps(out, indent=1))


def check():
    bad = 0
    for table in (EXTRA_RUNS_C, QUOTED_C):
        for name, runs in table.items():
            for tag, want in runs.items():
                got = m(name, tag)
                if not _same(got, want):
                    print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    def close(got, want):
        if isinstance(want, str) or isinstance(got, str):
            return got == want
        return got == want or abs(got - want) <= 1e-12 + 5e-3 * abs(want) or abs(got - want) < 6e-4

    for (name, tag, path), want in FIELDS_C.items():
        got = json.load(open(f"{R}/{name}_{tag}.json"))
        for p in path:
            got = got[p]
        if not close(got, want):
            print(f"MISMATCH field {name} {tag} {path}: quoted {want}, result file {got}"); bad += 1
    dg = json.load(open(f"{R}/round15_c_diag.json"))
    for (key, path), want in DIAG_C.items():
        got = dg[key]
        for p in path:
            got = got[p]
        if not close(got, want):
            print(f"MISMATCH diag {key} {path}: quoted {want}, file {got}"); bad += 1
    print("round15_c check:", "ok" if bad == 0 else f"{bad} mismatches")
    return bad


if __name__ == "__main__":
    if len(_sys.argv) > 1 and _sys.argv[1] == "diag":
        diag()
    else:
        _sys.exit(1 if check() else 0)
