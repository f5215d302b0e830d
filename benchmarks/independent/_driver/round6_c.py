"""Round 6 (part c): four programs written against CONTRACT.md alone (statistical models and scientific fits),
measured with driver.py by run_round6_c.sh.

P6C has the same fields as round4.py's entries; the metrics of the extra runs are written in as numbers, and
EXTRA_RUNS_C lists those to check. `python round6_c.py` (after run_round6_c.sh) checks the quoted numbers against the
result files (the extra runs, the plain/twin metrics, and the fitted parameters and optimiser reports quoted in the text).
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math, re

R = ROOT + "/_driver/results"

P6C = [
 dict(name="larvicide_trials",
      shape="kind=mle, log-logistic dose-response model for 24 h larval bioassays (binomial NLL via np.logaddexp): "
            "log10 LC50 linear in colony (field/reference) and water temperature, a common slope bounded to [0, 20]; "
            "4 params; predicts n_larvae * mortality (dead larvae per cup)",
      status="faulty", metric="rmse", units="dead larvae per cup",
      fault="code/dose_response.py line 19: the linear predictor is written slope * (log10_lc50 - log10_conc), the "
            "sign reversed, so mortality falls with concentration for any slope > 0, while PARAMS line 12 keeps the "
            "slope in [0, 20]. The best the bounded likelihood can do against data whose mortality rises with dose is a "
            "flat curve: L-BFGS-B drives the slope to its lower bound 0.0 in 3 iterations ('CONVERGENCE: NORM OF "
            "PROJECTED GRADIENT <= PGTOL'), mortality is 0.5 in every cup whatever the concentration, and the three "
            "LC50 parameters no longer enter the likelihood (log10_lc50 -0.867, lc50_field -0.016, lc50_temp 0.001; "
            "Hessian eigenvalues -461.4, ~0, 0, 2155.6, condition number ~2.2e303). Predictions are n_larvae / 2 "
            "(val prediction sd 0.84 larvae); val RMSE 8.405, worse than the constant 8.329, against 1.886 for the twin",
      expected_symptoms=["constant_output", "underfitting", "singular_matrix", "surprising_optimum"],
      expected_causes=["code_error"], repairable=False,
      twin_fix="code: slope * (log10_conc - log10_lc50) at line 19 (_twins/larvicide_trials/dose_response.py); "
               "converges in 13 iterations: log10_lc50 -1.555, lc50_field 0.853, lc50_temp -0.0370, slope 2.693 "
               "(truth -1.55, 0.85, -0.035, 2.7), Hessian condition number ~2.9e2",
      extra="the contract's log-transform of the positive slope (estimating log slope, "
            "_twins/larvicide_trials/dose_response_logslope.py) -> 8.3581: log slope runs to -10.37 and log10_lc50 to "
            "~12299 (67 iterations, condition number 1.7e9), the same flat curve; removing the slope's bounds "
            "(_twins/larvicide_trials/dose_response_nobound.py, a code change) -> 1.8859, the twin's fit with the "
            "slope negative (-2.693): the sign error is absorbed, but the reported slope reads as mortality falling "
            "with dose. No repair the contract lists reaches the twin"),
 dict(name="lathe_tooling",
      shape="kind=mle, log-logistic accelerated-life (Taylor-type) regression of carbide insert life on log cutting "
            "speed, log feed, log depth of cut and flood coolant; 6 params (5 coefficients + log-logistic scale s "
            "bounded to [0.02, 0.95]); predicts the mean life exp(mu) * pi s / sin(pi s) in minutes",
      status="faulty", metric="rmse", units="min",
      fault="code/tool_life.py lines 29-32: the likelihood gives every training row the log-density of a failure at "
            "cutting_time_min and never reads the worn_out column, but 290 of the 600 shop-floor inserts (48%) were "
            "indexed at the job's planned change interval (30, 40, 45 or 60 min) while still cutting: their lives are "
            "right-censored, only known to exceed those times. Treating the change interval as the end of life "
            "shortens and compresses every life: L-BFGS-B converges normally (22 iterations, condition number ~96) to "
            "b0 3.371 (median life 29.1 min at 220 m/min, 0.2 mm/rev, 1.5 mm, dry), a speed exponent of -1.408 and "
            "s 0.229, against the twin's 3.727 (41.6 min), -3.076 and 0.298 (truth 3.689, -2.9, 0.28). On the lab "
            "tool-life test, where every insert ran to VB = 0.3 mm, the predictions are too short and too uniform "
            "(val prediction sd 11.5 min, twin 45.5): val RMSE 51.82 min against 31.10 for the twin (constant 59.74). "
            "On its own censored training rows the plain fit looks good (RMSE 12.09 against a training constant of "
            "14.30)",
      expected_symptoms=["surprising_optimum"], expected_causes=["loss_mismatch"], repairable=False,
      twin_fix="code: censored rows (worn_out = 0) contribute the log survival function -log(1 + exp(z)) instead of "
               "the log density (_twins/lathe_tooling/tool_life.py lines 30-34); converges in 15 iterations, b0 "
               "3.727, b_speed -3.076, b_feed -0.828, b_depth -0.328, b_coolant 0.268, s 0.298 (truth 3.689, -2.9, "
               "-0.85, -0.25, 0.30, 0.28), condition number ~1.4e2",
      extra="fitting only the 310 inserts that wore out (a data-only attempt, on a copy via --train) -> 47.0864: "
            "dropping the censored rows keeps the short lives and still biases every life downward; the plain fit "
            "scored on its own training rows -> 12.09 (training constant 14.30): judged on the censored field data "
            "the fault is invisible. No repair the contract lists handles censoring"),
 dict(name="herring_spawning",
      shape="function, 4-arg, Beverton-Holt stock-recruitment law R = alpha S / (1 + beta S) * exp(gamma SST + "
            "delta (copepod - 3)) fitted by least squares on log recruits with scipy.optimize.minimize(L-BFGS-B, "
            "alpha and beta bounded below), callback calling monitor.log_epoch(train_loss, val_loss, metric) every "
            "iteration; returns a small Python class with predict()",
      status="faulty", metric="rmse", units="million age-1 recruits",
      fault="code/stock_recruit.py lines 51-53: alpha (~0.035 million recruits per tonne) and beta (~1e-5 per tonne) "
            "are optimised in raw units next to gamma and delta (O(0.1-1)) with spawning stock in tonnes "
            "(13,000-420,000): the loss's gradient in beta is ~1e5 times that in the environmental coefficients, and "
            "L-BFGS-B's relative-reduction test stops it while only alpha and beta have moved. It reports "
            "'CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH' after 17 iterations with gamma -1.1e-4 and delta "
            "5.7e-5 (the twin: -0.621 and 0.119), train loss 0.2278 (mean squared log residual; twin 0.0571). The "
            "logged val RMSE falls to 741.8 at iteration 10 and ends at 873.3 while the train loss still creeps down. "
            "Val RMSE 873.3 against 464.8 for the twin (constant 1033.1): the SST effect that drives the 2005-2024 "
            "decline is missed",
      expected_symptoms=["underfitting", "surprising_optimum"], expected_causes=["parameter_scaling"],
      repairable=False,
      twin_fix="code: estimate log(alpha) and log(beta) (no bounds needed), _twins/herring_spawning/stock_recruit.py "
               "lines 25-26, 44-48 and 55-59; same config: converges in 14 iterations ('NORM OF PROJECTED GRADIENT <= "
               "PGTOL'), alpha 0.03456, beta 1.139e-5, gamma -0.621, delta 0.119 (truth 0.0375, 1.25e-5, -0.65, 0.12)",
      extra="config-only attempts: alpha_init=0.05, beta_init=0.0001 -> 560.7281 (48 iterations, gamma -0.479, "
            "delta 0.201; ~1.2x the twin); max_iter=5000 -> 873.3448 (identical: the stop is the relative-reduction "
            "test, not the iteration limit); starting at the twin's alpha and beta (alpha_init=0.0346, "
            "beta_init=1.14e-05) -> 730.1952 (gamma -0.162): the starting values are not the problem. The contract's "
            "`standardize` data repair (features standardised with training statistics, on copies via --train/--val) "
            "-> NaN: standardised stock is negative for half the rows, the log of alpha S is NaN and L-BFGS-B stops "
            "ABNORMAL at iteration 0 with nothing logged"),
 dict(name="lake_trout_growth",
      shape="function, 3-arg, von Bertalanffy growth curve (log Linf and log K linear in sex and lake temperature, "
            "t0) fitted to log length with scipy.optimize.least_squares (trf) and a callback recording one history "
            "row per iteration (the starting curve as epoch 0); returns (a small Python class with predict(), list of "
            "dicts with epoch/train_loss/val_loss/metric)",
      status="healthy", metric="rmse", units="mm", fault="none", expected_symptoms=[], expected_causes=[],
      repairable=False,
      twin_fix="none (healthy); least_squares stops on its ftol test after 5 evaluations (4 iterations + the start): "
               "log_linf 6.7201, linf_male -0.0826, linf_temp -0.032, log_k -1.8583, k_temp 0.0869, t0 -0.4478 "
               "(truth 6.709, -0.08, -0.035, -1.833, 0.09, -0.4); train loss 0.0104 -> 0.0049 (a log-length sd of "
               "7%, the simulated scatter), val RMSE 55.18 -> 40.09 mm (constant 126.37), flat over the last three "
               "iterations"),
]

EXTRA_RUNS_C = {
    "larvicide_trials": {"extra_logslope": 8.3581, "extra_nobound": 1.8859},
    "lathe_tooling": {"extra_wornonly": 47.0864, "extra_trainfit": 12.09},
    "herring_spawning": {"extra_cfg": 560.7281, "extra_cfg2": 873.3448, "extra_cfg3": 730.1952, "extra_std": None},
}

# plain / twin metrics quoted in the text above (checked too)
PLAIN_TWIN_C = {
    "larvicide_trials": {"plain": 8.4051, "twin": 1.886},
    "lathe_tooling": {"plain": 51.817, "twin": 31.0997},
    "herring_spawning": {"plain": 873.3448, "twin": 464.761},
    "lake_trout_growth": {"plain": 40.093},
}


from quoted import mismatches  # noqa: E402 - the check every part shares


def j(name, tag):
    return json.load(open(f"{R}/{name}_{tag}.json"))


def fitted(name, tag):
    """alpha, beta, gamma, delta as printed by the herring code into the run's log"""
    txt = open(f"{R}/{name}_{tag}.log").read()
    nums = re.search(r"alpha, beta, gamma, delta = \[([^\]]*)\]", txt).group(1).split()
    return [float(x) for x in nums], re.search(r"after (\d+) iterations", txt).group(1)


def check():
    bad = mismatches(EXTRA_RUNS_C, PLAIN_TWIN_C)
    # larvicide_trials
    p = j("larvicide_trials", "plain"); t = p["theta"]
    assert p["nit"] == 3 and "PGTOL" in p["opt_message"] and t["slope"] == 0.0
    assert (round(t["log10_lc50"], 3), round(t["lc50_field"], 3), round(t["lc50_temp"], 3)) == (-0.867, -0.016, 0.001)
    ev = sorted(p["hess_eig"]); assert round(ev[0], 1) == -461.4 and round(ev[-1], 1) == 2155.6 and abs(ev[1]) < 1e-10
    assert 1e303 < p["cond"] < 3e303 and round(p["val_pred_std"], 2) == 0.84 and round(p["constant_rmse"], 3) == 8.329
    w = j("larvicide_trials", "twin"); t = w["theta"]
    assert w["nit"] == 13 and 280 < w["cond"] < 300
    assert (round(t["log10_lc50"], 3), round(t["lc50_field"], 3), round(t["lc50_temp"], 4), round(t["slope"], 3)) == (-1.555, 0.853, -0.037, 2.693)
    e = j("larvicide_trials", "extra_logslope")
    assert e["nit"] == 67 and round(e["theta"]["log_slope"], 2) == -10.37 and round(e["theta"]["log10_lc50"]) == 12299 and 1.6e9 < e["cond"] < 1.8e9
    assert round(j("larvicide_trials", "extra_nobound")["theta"]["slope"], 3) == -2.693
    # lathe_tooling
    p = j("lathe_tooling", "plain"); t = p["theta"]
    assert p["opt_success"] and p["nit"] == 22 and 90 < p["cond"] < 100
    assert (round(t["b0"], 3), round(t["b_speed"], 3), round(t["s"], 3)) == (3.371, -1.408, 0.229)
    assert round(math.exp(t["b0"]), 1) == 29.1 and round(p["val_pred_std"], 1) == 11.5 and round(p["constant_rmse"], 2) == 59.74
    w = j("lathe_tooling", "twin"); t = w["theta"]
    assert w["nit"] == 15 and 140 < w["cond"] < 150 and round(w["val_pred_std"], 1) == 45.5
    assert [round(t[k], 3) for k in ("b0", "b_speed", "b_feed", "b_depth", "b_coolant", "s")] == [3.727, -3.076, -0.828, -0.328, 0.268, 0.298]
    assert round(math.exp(t["b0"]), 1) == 41.6
    assert round(j("lathe_tooling", "extra_trainfit")["constant_rmse"], 2) == 14.3
    import pandas as pd
    tr = pd.read_csv(ROOT + "/lathe_tooling/data/train.csv")
    assert len(tr) == 600 and (tr.worn_out == 0).sum() == 290 and sorted(tr.cutting_time_min[tr.worn_out == 0].unique()) == [30.0, 40.0, 45.0, 60.0]
    # herring_spawning
    th, it = fitted("herring_spawning", "plain")
    assert it == "17" and round(th[2], 5) == -0.00011 and round(th[3], 6) == 0.000057
    h = j("herring_spawning", "plain")["history"]
    assert round(h["train_loss"][-1], 4) == 0.2278 and round(min(h["metric"]), 1) == 741.8 and h["metric"].index(min(h["metric"])) == 9
    th, it = fitted("herring_spawning", "twin")
    assert it == "14" and [round(th[0], 5), round(th[1] * 1e5, 3), round(th[2], 3), round(th[3], 3)] == [0.03456, 1.139, -0.621, 0.119]
    assert round(j("herring_spawning", "twin")["history"]["train_loss"][-1], 4) == 0.0571
    assert round(j("herring_spawning", "plain")["constant_rmse"], 1) == 1033.1
    th, it = fitted("herring_spawning", "extra_cfg"); assert it == "48" and round(th[2], 3) == -0.479 and round(th[3], 3) == 0.201
    th, it = fitted("herring_spawning", "extra_cfg3"); assert round(th[2], 3) == -0.162
    assert "ABNORMAL" in open(f"{R}/herring_spawning_extra_std.log").read() and j("herring_spawning", "extra_std")["n_epochs_logged"] == 0
    # lake_trout_growth
    g = j("lake_trout_growth", "plain"); hh = g["history"]
    assert g["n_epochs_logged"] == 5 and round(hh["train_loss"][0], 4) == 0.0104 and round(hh["train_loss"][-1], 4) == 0.0049
    assert round(hh["metric"][0], 2) == 55.18 and round(g["constant_rmse"], 2) == 126.37 and not g["warnings"]
    txt = open(f"{R}/lake_trout_growth_plain.log").read()
    assert "(5 evaluations)" in txt and "'log_linf': 6.7201" in txt and "'t0': -0.4478" in txt
    print("round6_c: %s" % ("all quoted numbers match" if bad == 0 else f"{bad} mismatches"))
    return bad == 0


if __name__ == "__main__":
    check()
