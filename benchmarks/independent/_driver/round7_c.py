"""Round 7 (part c): four programs (count, rate and survival models, engineering fits) written against CONTRACT.md
alone, measured with driver.py by run_round7_c.sh (which also runs `round7_c.py --diag` to write results/round7_c_diag.json with the fitted
parameters of the function-mode programs, quick references on each split and the water_mains noise floor).

P7C has the same fields as round4.py's entries; EXTRA_RUNS_C lists every extra-run metric quoted in `extra`.
`python round7_c.py` (after run_round7_c.sh) checks the quoted numbers against the result files.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P7C = [
 dict(name="ward_infections", shape="kind=mle, negative-binomial log-link regression of central-line-associated bloodstream infections per ward-quarter (ICU flag, hand-hygiene compliance, nurse staffing, insertion bundle; 5 coefficients + dispersion k bounded to [0.05, 1000]), NLL with gammaln; predicts the expected count",
      status="faulty", metric="rmse", units="infections per ward-quarter",
      fault="code/clabsi_nb.py lines 16-23: _mean() returns exp(eta) (line 23) as the expected infections of the ward-quarter and is used by both the likelihood (line 32) and predict (line 27), but central_line_days, the exposure (training medians 402 line days on general wards and 1711 in ICUs, range 69-6000), never enters it: the offset log(central_line_days / 1000) that turns the rate per 1000 line days into a count is missing. L-BFGS-B converges normally (18 iterations, 'CONVERGENCE: RELATIVE REDUCTION OF F', Hessian cond ~154, no warning) to a model of the count in which the ICU coefficient absorbs the ICUs' longer line exposure, b_icu 1.716 (an ICU rate ratio of 5.6; twin 0.408, i.e. 1.50; generator 0.35), and the dispersion collapses to k 2.006 (twin 6.72; generator 6) to absorb the exposure variation within ward types; NLL 1454.6 against 1291.5 for the twin. Val RMSE 1.999 against 1.524 for the twin, worse than the linear (1.582) and boosting (1.690) references that see the line-day column (constant 2.322)",
      expected_symptoms=["underfitting", "surprising_optimum"], expected_causes=["code_error"], repairable=False,
      twin_fix="code: _mean() returns central_line_days / 1000 * exp(eta) (line 23 of _twins/ward_infections/clabsi_nb.py); converges in 23 iterations to b0 0.416, b_icu 0.408, b_hygiene -0.372, b_staffing 0.083, b_bundle -0.304, k 6.72 (generator log 1.7 = 0.53, 0.35, -0.30 per 10 points, 0.10, -0.45, 6)",
      extra="a kind=mle program has no [config]; the contract's reparameterisations cannot add a missing term: estimating log k (the log-transform repair, _twins/ward_infections/clabsi_nb_logk.py) -> 1.9991, identical to plain (cond ~101); the `standardize` data repair (features standardised with train mean/sd, on copies via --train/--val) -> 1.9991 (the linear predictor is only re-expressed, the exposure is still absent). Hence repairable = no. References are my quick fits on the same split (results/round7_c_diag.json)"),
 dict(name="adhesive_ageing", shape="function, 4-arg, numpy first-order ageing law with an Arrhenius rate (ln k linear in the standardised 1000/T and humidity) fitted by hand-written full-batch gradient descent with momentum on the squared error of ln(strength), monitor.log_epoch(train_loss, val_loss, metric, grad_norm, lr) each step; returns a small Python class with predict()",
      status="faulty", metric="rmse", units="MPa",
      fault="spec.toml lines 11-12: lr = 0.5 with momentum = 0.9 for the hand-written gradient descent (code/arrhenius_gd.py lines 55-60), whose rate enters as exp(c0 + c1 z_T + c2 z_RH) (line 28). The first steps overshoot: train loss 0.363 at epoch 1 falls to 0.028 at epoch 6, jumps to 0.489 at epoch 7 (grad norm 3.63, 7x the starting 0.52; val RMSE 13.56) and oscillates between 0.35 and 0.82 for ~30 epochs; the momentum carries c0, the log ageing rate at the mean condition, to -12.40 (twin -1.87), where the rate is 1.6e-8 to 5.3e-4 per 1000 h on the validation joints (twin 0.014-1.35), so k t is ~0 and every gradient through it vanishes: the loss stays at 0.3537 (grad norm 1.0e-4 at epoch 200) and the model predicts the unaged strength (a = 2.893, ~18.0 MPa) for every joint whatever its ageing (val prediction sd 0.0026 MPa). Val RMSE 7.239, worse than the constant 6.977, against 1.069 for the twin; the best epoch (5, val RMSE 2.222) is still twice the twin",
      expected_symptoms=["oscillating_loss", "constant_output", "underfitting", "vanishing_gradients"], expected_causes=["learning_rate_too_high"], repairable=True,
      twin_fix="[config] lr = 0.1 (momentum 0.9 and 200 epochs kept): train loss 0.00238 at epoch 200 (grad norm 2.9e-5), c0 -1.874, c1 -1.202, c2 0.370",
      extra="config-only attempts: momentum=0.0 with lr 0.5 kept -> 1.0703 (also a repair); lr=0.05 -> 1.069; epochs=1000 with lr 0.5 -> 7.2378 (still stuck, val prediction sd 0.0094: training longer does not help); lr=1.0 -> NaN (overflow in exp: train loss 13.6 at epoch 6, 1.0e44 at epoch 7, NaN from epoch 8; the NaN form of the same fault). References on the same split: linear 3.526, boosting 1.301 (results/round7_c_diag.json)"),
 dict(name="tomato_trusses", shape="function, 3-arg, logistic growth curve of fruit fresh weight in days after anthesis (final weight log-linear in truss load, relative growth rate log-linear and inflection day linear in compartment temperature; 6 params) fitted with scipy.optimize.least_squares (trf) and a callback recording one history row per iteration; returns (a small Python class with predict(), list of dicts with epoch/train_loss/val_loss/metric)",
      status="faulty", metric="rmse", units="g",
      fault="code/fruit_growth.py line 16: the starting values put the relative growth rate at 8 per day (log_r = log 8; the fit finds 0.150) and the inflection at day 0 (t_mid0 = 0; the fit finds 30.9), while every fruit was sampled 3-70 days after anthesis: at the start the logistic term 1 / (1 + exp(-8 (DAA - 0))) is 1 for every row, so the curve is a flat K per truss load and the Jacobian columns of log_r, b_temp, t_mid0 and b_tmid are ~0 (norms 1e-6, 1e-6, 0, 0 against 5091 for log_K). least_squares (line 49) moves only log_K and b_load and reports success ('ftol termination condition is satisfied', 20 evaluations, 8 iterations) with log_r, t_mid0, b_temp and b_tmid still at their starting values; the curve is flat in time: K 105.1 g at 5 fruits per truss (the mean weight), train MSE 4438 (twin 174.6), val RMSE 66.53 against 13.62 for the twin, barely below the constant 68.72",
      expected_symptoms=["underfitting", "surprising_optimum"], expected_causes=["bad_initialization"], repairable=True,
      twin_fix="code: X0 = [log 180, 0, log 0.15, 0, 30, 0] (line 16; a relative growth rate and an inflection day inside the sampled range); converges in 5 iterations to log_K 5.173 (176.5 g), b_load -0.088, r 0.150 per day, b_temp 0.058, t_mid0 30.90, b_tmid -1.416 (generator 175 g, -0.09, 0.15, 0.045, 31, -1.4)",
      extra="config-only: max_nfev=3000 -> 66.5265 (the optimiser already stops by ftol after 20 evaluations). Data repairs: the `standardize` repair (features standardised with train mean/sd, on copies via --train/--val) -> 13.622, equal to the twin: on standardised days t_mid0 = 0 is the middle of the sampled range and r = 8 per sd is ~0.42 per day, so the same starting values no longer saturate, and the curve family is unchanged by an affine change of the inputs; that is why repairable = yes, although the cause is the starting values. `standardize_target` -> 68.7173 (a logistic curve cannot produce the negative standardised weights; it fits the constant). References on the same split: linear 25.62, boosting 15.66 (results/round7_c_diag.json)"),
 dict(name="water_mains", shape="kind=torch, build_model(config, n_features) -> nn.Module: a 2 x 32 SiLU MLP on five segment attributes (centred/scaled by fixed constants) whose softplus output is the break rate per km, multiplied by the segment length (column 0) to give the expected 5-year break count",
      status="healthy", metric="rmse", units="breaks per segment in 5 years", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      plain_note="measured with the driver's standard loop (Adam lr 0.001, MSE on the raw counts, batch 32, 60 epochs, raw CSV features)",
      twin_fix="none (healthy); val RMSE 1.715 (best 1.709 at epoch 55; 1.709-1.745 over the last 10 epochs), against a noise floor of 1.626 (the generator's true mean on the validation rows) and my references constant 3.370, linear 2.513, boosting 1.989 (results/round7_c_diag.json). The final train loss 2.139 equals the generator's noise MSE on the training rows (2.139); the validation split is noisier (noise MSE 2.643 against a val loss of 2.941), so the train/val gap is scatter, not overfitting. Per-batch gradient norms (the epoch's last batch of 16 rows) range 0.26-41 with the heavy-tailed counts (max 38 breaks); no warning"),
]

EXTRA_RUNS_C = {
    "ward_infections": {"extra_logk": 1.9991, "extra_std": 1.9991},
    "adhesive_ageing": {"extra_cfg": 1.0703, "extra_cfg2": 7.2378, "extra_cfg3": None, "extra_cfg4": 1.069},
    "tomato_trusses": {"extra_cfg": 66.5265, "extra_std": 13.622, "extra_stdy": 68.7173},
}

# plain / twin metrics quoted above (rounded as quoted), checked too
QUOTED_PT = {
    "ward_infections": {"plain": 1.999, "twin": 1.524},
    "adhesive_ageing": {"plain": 7.239, "twin": 1.069},
    "tomato_trusses": {"plain": 66.53, "twin": 13.62},
    "water_mains": {"plain": 1.715},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def check():
    bad = 0
    for name, runs in EXTRA_RUNS_C.items():
        for tag, want in runs.items():
            got = m(name, tag)
            if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    for name, runs in QUOTED_PT.items():
        for tag, want in runs.items():
            got = m(name, tag)
            nd = len(str(want).split(".")[1])
            if got is None or round(got, nd) != want:
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    # repairable claims: an extra run (or the twin itself, for config/data twins) within 1.1x of the twin's rmse
    twin = {n: m(n, "twin") for n in ("adhesive_ageing", "tomato_trusses")}
    for n, tag in (("adhesive_ageing", "twin"), ("adhesive_ageing", "extra_cfg"), ("tomato_trusses", "extra_std")):
        if not m(n, tag) <= 1.1 * twin[n]:
            print(f"NOT REPAIRED {n} {tag}: {m(n, tag)} vs twin {twin[n]}"); bad += 1
    for n in ("ward_infections",):
        for tag in EXTRA_RUNS_C[n]:
            if m(n, tag) <= 1.1 * m(n, "twin"):
                print(f"UNEXPECTEDLY REPAIRED {n} {tag}"); bad += 1
    print("round7_c: all quoted numbers match" if not bad else f"round7_c: {bad} problem(s)")
    return bad == 0


class _Mon:
    should_stop = False
    def __init__(self): self.rows = []
    def log_epoch(self, **kw): self.rows.append(kw)


def _load(path, name):
    import importlib.util
    s = importlib.util.spec_from_file_location(name, path); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)
    return m


def diag():
    """Fitted parameters of the function-mode programs (the driver's result json does not keep them), quick
    references on each split and the water_mains noise floor -> results/round7_c_diag.json."""
    import os, tomllib, importlib.util, warnings
    import numpy as np, pandas as pd
    HERE = ROOT + "/_driver"
    out = {}
    warnings.simplefilter("ignore")
    # adhesive_ageing: final parameters and the ageing rate they imply, plain (spec config) and twin (lr 0.1)
    p = f"{ROOT}/adhesive_ageing"; cfg = tomllib.load(open(f"{p}/spec.toml", "rb"))["config"]
    tr, va = pd.read_csv(f"{p}/data/train.csv"), pd.read_csv(f"{p}/data/val.csv")
    m = _load(f"{p}/code/arrhenius_gd.py", "aa")
    cols = ["chamber_temp_c", "chamber_rh_pct", "ageing_hours"]
    for tag, c in (("plain", cfg), ("twin", dict(cfg, lr=0.1))):
        mod = m.train_model(tr, va, c, _Mon())
        Z, _ = mod._design(va[cols].to_numpy(float)); k = np.exp(Z @ mod.theta[1:])
        out[f"adhesive_ageing_{tag}"] = dict(theta=dict(zip(["a", "c0", "c1", "c2"], mod.theta.round(4).tolist())),
                                             k_per_1000h_val_min=float(k.min()), k_per_1000h_val_max=float(k.max()))
    # tomato_trusses: fitted curve parameters, plain and twin
    p = f"{ROOT}/tomato_trusses"; cfg = tomllib.load(open(f"{p}/spec.toml", "rb"))["config"]
    tr, va = pd.read_csv(f"{p}/data/train.csv"), pd.read_csv(f"{p}/data/val.csv")
    for tag, f in (("plain", f"{p}/code/fruit_growth.py"), ("twin", f"{ROOT}/_twins/tomato_trusses/fruit_growth.py")):
        m = _load(f, "tt_" + tag)
        mod, hist = m.train_model(tr, va, cfg)
        X = tr[m.COLS].to_numpy(float); th = mod.theta
        # Jacobian of the starting curve: how much the growth-rate and inflection columns can move the fit
        eps = 1e-6; J = np.column_stack([(m.curve(m.X0 + eps * np.eye(6)[i], X) - m.curve(m.X0, X)) / eps for i in range(6)])
        out[f"tomato_trusses_{tag}"] = dict(theta={k: round(v, 4) for k, v in mod.params.items()},
                                            r_per_day=round(float(np.exp(th[2])), 4), K_g_load5=round(float(np.exp(th[0])), 2),
                                            start_jacobian_colnorm=dict(zip(m.NAMES, np.linalg.norm(J, axis=0).round(6).tolist())),
                                            n_iterations=len(hist))
    # quick references on the same split (constant, StandardScaler + RidgeCV, HistGradientBoosting), as quoted in round7_c.py
    from sklearn.linear_model import RidgeCV
    from sklearn.preprocessing import StandardScaler
    from sklearn.pipeline import make_pipeline
    from sklearn.ensemble import HistGradientBoostingRegressor
    for name, tgt in (("ward_infections", "infections"), ("adhesive_ageing", "shear_strength_mpa"),
                      ("tomato_trusses", "fruit_weight_g"), ("water_mains", "breaks_5yr")):
        tr, va = pd.read_csv(f"{ROOT}/{name}/data/train.csv"), pd.read_csv(f"{ROOT}/{name}/data/val.csv")
        f = [c for c in tr.columns if c != tgt]
        r = lambda p: round(float(np.sqrt(np.mean((p - va[tgt].to_numpy()) ** 2))), 4)
        out[f"{name}_refs"] = dict(constant=r(tr[tgt].mean()),
                                   linear=r(make_pipeline(StandardScaler(), RidgeCV()).fit(tr[f], tr[tgt]).predict(va[f])),
                                   boosting=r(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[tgt]).predict(va[f])))
    # water_mains: RMSE of the generator's true mean on the validation rows (the noise floor)
    g = _load(f"{HERE}/gen/water_mains.py", "gen_wm"); g.rng = np.random.default_rng(7304); t = g.make(2000); v = g.make(600)
    assert np.allclose(v.to_numpy(), pd.read_csv(f"{ROOT}/water_mains/data/val.csv").to_numpy())


    def true_mean(v):
        lr_ = (np.log(0.10) + 0.022 * (v.age_years - 50) + 0.5 * v.cast_iron + 0.012 * v.cast_iron * (v.age_years - 50)
               - 0.0045 * (v.diameter_mm - 150) + 0.09 * (v.soil_corrosivity - 4.5) + 0.25 * np.tanh((v.pressure_m - 60) / 15))
        return v.length_km * 5 * np.exp(lr_)


    out["water_mains_oracle_rmse"] = round(float(np.sqrt(np.mean((true_mean(v) - v.breaks_5yr) ** 2))), 4)
    out["water_mains_oracle_train_mse"] = round(float(np.mean((true_mean(t) - t.breaks_5yr) ** 2)), 4)
    out["water_mains_oracle_val_mse"] = round(float(np.mean((true_mean(v) - v.breaks_5yr) ** 2)), 4)
    # ward_infections: exposure by ward type in the training file
    w = pd.read_csv(f"{ROOT}/ward_infections/data/train.csv")
    out["ward_infections_line_days"] = {("icu" if k else "general"): dict(median=float(g.median()), min=int(g.min()), max=int(g.max()))
                                        for k, g in w.groupby("icu")["central_line_days"]}
    json.dump(out, open(f"{HERE}/results/round7_c_diag.json", "w"), indent=1)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    import sys
    if "--diag" in sys.argv:
        diag()
    else:
        check()
