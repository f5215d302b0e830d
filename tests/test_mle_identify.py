"""Identifiability read from the estimates: pairs, scale-free directions, flat profiles, stationarity and
the columns the likelihood uses. Pure functions on tiny problems."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize

from mle_cases import frame
from model_trainer.mle.columns import used_columns
from model_trainer.mle.compare import compare
from model_trainer.mle.guard import Guarded, non_finite_rows
from model_trainer.mle.identify import analyse
from model_trainer.mle.profile import profile
from model_trainer.mle.stationarity import scaling, stationarity


def _a_exp_nll():
    data = frame("a_exp")
    x, y = data["x"].to_numpy(), data["y"].to_numpy()

    def nll(t):
        lam = t[0] * np.exp(t[1] + t[2] * x)
        return float(np.sum(lam - y * np.log(lam)))
    return nll


def test_product_pair_is_named_from_the_estimates_and_its_profile_is_flat():
    nll = _a_exp_nll()
    res = optimize.minimize(nll, [1.0, 0.1, 0.1], method="L-BFGS-B", bounds=[(1e-6, None), (None, None), (None, None)])
    info = analyse(nll, res.x, ["A", "b0", "b1"])
    # rounding keeps the matrix invertible (condition number under 1e8): the estimates themselves give it away
    assert info["condition_number"] < 1e8 and not info["numerically_singular"]
    assert info["singular"] and info["non_identifiable"]
    pair = info["correlated_pairs"][0]
    assert {pair["a"], pair["b"]} == {"A", "b0"} and abs(pair["r"]) > 0.99
    assert {w["name"]: w["reason"] for w in info["weak"]} == {"A": "correlated estimates", "b0": "correlated estimates"}
    assert info["relative_se"]["b1"] < 0.2  # the slope is well determined
    p = profile(nll, res.x, 1, "b0", [(1e-6, None), (None, None), (None, None)])
    assert p["flat"] and p["max_rise"] < 1.92 and p["to"] > p["from"]


def test_healthy_fit_is_not_flagged_and_near_zero_estimate_is_not_a_weak_direction():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 5, 300)
    y = 2.0 + 1e-6 * x + rng.normal(0, 1, 300)  # slope estimated near zero, well determined

    def nll(t):
        return float(0.5 * np.sum((y - t[0] - t[1] * x) ** 2))
    res = optimize.minimize(nll, [0.0, 0.0])
    info = analyse(nll, res.x, ["a", "b"])
    assert not info["singular"] and not info["weak"] and info["correlated_pairs"] == []


def test_a_tiny_rate_next_to_a_large_count_is_not_unsupported():
    data = frame("scale_gap")
    e, y = data["exposure"].to_numpy(), data["y"].to_numpy()

    def nll(t):
        lam = t[1] + t[0] * e
        return float(np.sum(lam - y * np.log(lam)))
    z = np.array([1e-4, 10.0])
    info = analyse(nll, z, ["rate", "background"])
    assert not info["singular"] and not info["weak"]
    H = np.array(info["hessian_diag"])
    sc = scaling(H, ["rate", "background"], {"rate": 1e-4, "background": 10.0})
    assert sc["gap"] and sc["smallest"] == "rate" and sc["orders"] > 3


def test_stationarity_ignores_a_bound_held_coordinate():
    st = stationarity(np.array([50.0, 0.0]), np.array([1.0, 1.0]), np.array([0.0, 1.0]), [(0.0, None), (None, None)],
                      ["at_bound", "free"])
    assert st["stationary"] and "at_bound" not in st["newton_gain"]


def test_columns_the_likelihood_never_reads_are_found_unused():
    data = frame("a_exp")
    nll = _a_exp_nll()

    def user(theta, d):
        lam = theta[0] * np.exp(theta[1] + theta[2] * d["x"].to_numpy())
        return float(np.sum(lam - d["y"].to_numpy() * np.log(lam)))
    assert nll([3.0, 0.5, 0.7]) == pytest.approx(user([3.0, 0.5, 0.7], data))
    cols = used_columns(user, [3.0, 0.5, 0.7], data)
    assert cols["used"] == ["x", "y"] and cols["unused"] == ["noise"]


def test_non_finite_values_become_a_penalty_and_their_rows_are_named():
    data = pd.DataFrame({"x": [1.0, 2.0, -3.0, 4.0], "y": [1.0, 2.0, 1.0, 3.0]})

    def nll(theta, d):
        lam = theta[0] * d["x"].to_numpy()
        with np.errstate(all="ignore"):
            return float(np.sum(lam - d["y"].to_numpy() * np.log(lam)))
    g = Guarded(lambda z: nll(z, data), ["k"])
    bad = g(np.array([1.0]))
    assert np.isfinite(bad) and g.count == 1 and g.points[0]["theta"] == {"k": 1.0}
    assert non_finite_rows(nll, [1.0], data) == [2]


def test_a_change_that_moves_nothing_is_no_effect():
    d = {"nll": 10.0, "aic": 24.0, "bic": 26.0, "condition_number": 3.0, "val_rmse": 1.0, "n_params": 2}
    c = compare(d, dict(d))
    assert c["no_effect"] and c["line"].startswith("no effect")
    c = compare(d | {"aic": 30.0, "bic": 40.0}, d)
    assert not c["no_effect"] and c["aic"]["favours"] == "after" and c["bic"]["strength"] == "decisive"
    assert "BIC favours the changed model by 14.0 (decisive)" in c["line"]


def test_a_column_unread_at_a_degenerate_optimum_is_read_at_other_values():
    """A binomial fit that ends at p = 0.5 in every cup no longer depends on the counts; at its starting values it
    does: the target is read, the optimum is degenerate, and no other column stands in for it."""
    from model_trainer.mle.columns import reads_column

    data = pd.DataFrame({"dose": [0.5, 2.0, 10.0], "n": [20, 20, 20], "dead": [4, 12, 18]})

    def nll(t, d):
        p = 1.0 / (1.0 + np.exp(-t[0] * np.log(d["dose"].to_numpy())))
        y, n = d["dead"].to_numpy(), d["n"].to_numpy()
        return float(-np.sum(y * np.log(p) + (n - y) * np.log(1 - p)))
    assert "dead" in used_columns(nll, [0.0], data)["unused"]
    assert reads_column(nll, [1.0], data, "dead") and not reads_column(nll, [0.0], data, "dead")
