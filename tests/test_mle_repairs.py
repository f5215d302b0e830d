"""Statistical repairs on real fits: each a before/after on recorded runs (NLL, AIC, BIC, validation RMSE,
condition number)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli
from mle_cases import A_EXP, COLLINEAR, SCALE_GAP, frame, write
from model_trainer.mle.compare import compare


def _train(tmp_path, code, case):
    res = cli("train", str(write(tmp_path, code, frame(case))), "--quiet")
    entry = json.loads((tmp_path / "dev_diary.json").read_text())[0]
    runs = tmp_path / "results/runs"

    def diag(run_id):
        return json.loads((runs / run_id / "diagnostics.json").read_text())
    return res, entry, diag


@pytest.mark.slow
def test_product_non_identifiability_is_flagged_with_the_pair_and_a_flat_profile_then_dropped(tmp_path):
    res, e, diag = _train(tmp_path, A_EXP, "a_exp")
    assert res.returncode == 0, res.stderr
    assert (e["symptom"], e["root_cause"], e["status"]) == ("singular_matrix", "non_identifiable", "resolved")
    assert "`A`" in e["what_happened"] and "`b0`" in e["what_happened"]
    assert "profile of `" in e["what_happened"] and "flat: the data do not fix it" in e["what_happened"]
    failing = diag(e["tests"][1]["run_id"])
    assert failing["non_identifiable"] and {w["name"] for w in failing["weak"]} == {"A", "b0"}
    # the columns the likelihood never reads are known, and not judged
    assert failing["columns"]["unused"] == ["noise"] and "noise" not in failing["columns"]["scales"]["std"]
    fix = e["fix"]["config_after"]["fix"]
    assert list(fix.values()) in ([0.0], [1.0]) and set(fix) <= {"A", "b0"}
    c = compare(failing, diag(e["fix"]["run_id"]))
    assert not c["no_effect"] and c["n_params"]["after"] == 2
    assert c["nll"]["after"] == pytest.approx(c["nll"]["before"], abs=0.01)  # same fit, one parameter fewer
    # one parameter fewer at the same NLL: AIC by 2 (no real difference on Burnham & Anderson's scale), BIC by log(n)
    assert c["aic"]["delta"] == pytest.approx(-2, abs=0.05) and c["bic"]["favours"] == "after"
    assert c["condition_number"]["after"] < 1e3 and not diag(e["fix"]["run_id"])["singular"]


@pytest.mark.slow
def test_exact_collinearity_is_resolved_by_dropping_one_of_the_pair(tmp_path):
    res, e, diag = _train(tmp_path, COLLINEAR, "collinear")
    assert res.returncode == 0, res.stderr
    assert (e["symptom"], e["root_cause"], e["status"]) == ("singular_matrix", "non_identifiable", "resolved")
    assert e["fix"]["config_after"]["fix"] in ({"per_kg": 0.0}, {"per_lb": 0.0})
    first = diag(e["tests"][1]["run_id"])
    after = diag(e["fix"]["run_id"])
    c = compare(first, after)
    assert c["val_rmse"]["after"] == pytest.approx(c["val_rmse"]["before"], rel=1e-3)
    assert c["bic"]["delta"] < -2 and after["condition_number"] < 1e3
    kept = "per_lb" if "per_kg" in e["fix"]["config_after"]["fix"] else "per_kg"
    true = 0.3 if kept == "per_lb" else 0.3 / 0.45359237
    assert after["estimates"][kept] == pytest.approx(true, rel=0.05)


@pytest.mark.slow
def test_scale_gap_is_parameter_scaling_and_rescaling_fixes_it(tmp_path):
    res, e, diag = _train(tmp_path, SCALE_GAP, "scale_gap")
    assert res.returncode == 0, res.stderr
    assert (e["symptom"], e["root_cause"], e["status"]) == ("slow_convergence", "parameter_scaling", "resolved")
    assert "not stationary" in e["what_happened"] and "orders of magnitude" in e["what_happened"]
    assert "still falling" not in e["what_happened"]
    runs = sorted(p.name for p in (tmp_path / "results/runs").iterdir())
    first = diag(runs[0])
    assert first["optimizer"]["success"] and not first["stationarity"]["stationary"]
    assert first["scaling"]["gap"] and first["stationarity"]["worst"] == "background"
    after = diag(e["fix"]["run_id"])
    assert e["fix"]["config_after"]["rescale"]["rate"] < 1e-4
    c = compare(first, after)
    assert c["nll"]["after"] < c["nll"]["before"] - 10 and c["val_rmse"]["after"] < c["val_rmse"]["before"]
    assert after["estimates"]["background"] == pytest.approx(10, rel=0.2)
    assert after["estimates"]["rate"] == pytest.approx(1e-4, rel=0.2)


def _fit(code, data, reparam_spec):
    import types

    from model_trainer.kinds.mle import diagnose_fit
    from model_trainer.mle.optimise import fit
    from model_trainer.mle.reparam import Reparam

    module = types.ModuleType("sites")
    exec(compile(code, "sites", "exec"), module.__dict__)
    rep = Reparam.build(module.PARAMS, reparam_spec)
    result = fit(module, rep, data)
    return diagnose_fit(module, rep, result, data, data.iloc[:30], "y")


def test_ridge_toward_the_group_mean_and_tying_by_group_pin_unsupported_rates():
    from mle_cases import SITES, sites

    data = sites()
    before = _fit(SITES, data, {})
    assert before["singular"] and {w["name"] for w in before["weak"] if w["reason"] == "no data support"} == {
        "rate_6", "rate_7"}
    ridge = _fit(SITES, data, {"ridge": 10.0})
    c = compare(before, ridge)
    assert not ridge["singular"] and not c["no_effect"] and c["condition_number"]["after"] < 1e3
    # the unsupported rates sit at the mean of the supported ones, which are shrunk toward it
    mean = sum(ridge["estimates"][f"rate_{k}"] for k in range(6)) / 6
    old_mean = sum(before["estimates"][f"rate_{k}"] for k in range(6)) / 6
    assert ridge["estimates"]["rate_6"] == pytest.approx(mean, rel=0.05)
    assert all(abs(ridge["estimates"][f"rate_{k}"] - mean) < abs(before["estimates"][f"rate_{k}"] - old_mean) + 1e-9
               for k in range(6))
    tied = _fit(SITES, data, {"tiers": {"by": "group", "n": 3}})
    c = compare(before, tied)
    assert tied["n_params"] == 1 and not tied["singular"] and c["bic"]["favours"] == "after"


@pytest.mark.slow
@pytest.mark.parametrize("case", ["sum", "flat"])
def test_sum_and_flat_non_identifiability_are_dropped(tmp_path, case):
    from mle_cases import FLAT, SUM

    spec = write(tmp_path, {"sum": SUM, "flat": FLAT}[case], frame(case),
                 'ignore_columns = ["site"]\n' if case == "flat" else "")
    res = cli("train", str(spec), "--quiet")
    assert res.returncode == 0, res.stderr
    e = json.loads((tmp_path / "dev_diary.json").read_text())[0]
    assert (e["symptom"], e["root_cause"], e["status"]) == ("singular_matrix", "non_identifiable", "resolved")
    dropped = e["fix"]["config_after"]["fix"]
    if case == "sum":
        assert list(dropped.values()) == [0.0] and set(dropped) <= {"offset_site", "offset_season"}
        assert "`offset_site`" in e["what_happened"] and "`offset_season`" in e["what_happened"]
    else:
        assert dropped == {"unused_decay": 0.0} and "without data support" in e["what_happened"]
    runs = tmp_path / "results/runs"
    before = json.loads((runs / e["tests"][1]["run_id"] / "diagnostics.json").read_text())
    after = json.loads((runs / e["fix"]["run_id"] / "diagnostics.json").read_text())
    c = compare(before, after)
    assert c["nll"]["after"] == pytest.approx(c["nll"]["before"], abs=1e-3) and c["bic"]["favours"] == "after"
    assert not after["singular"] and after["n_params"] == 2


SEPARATED = """
import numpy as np

PARAMS = [{"name": "b0", "init": 0.0, "lower": -20.0, "upper": 20.0},
          {"name": "b_x", "init": 0.0, "lower": -20.0, "upper": 20.0},
          {"name": "b_alarm", "init": 0.0, "lower": -20.0, "upper": 20.0}]


def predict(theta, data):
    eta = theta[0] + theta[1] * data["x"].to_numpy() + theta[2] * data["alarm"].to_numpy()
    return 1.0 / (1.0 + np.exp(-eta))


def negative_log_likelihood(theta, data):
    eta = theta[0] + theta[1] * data["x"].to_numpy() + theta[2] * data["alarm"].to_numpy()
    return float(np.sum(np.logaddexp(0.0, eta) - data["y"].to_numpy() * eta))
"""


def test_a_coefficient_on_a_separating_column_is_flagged_as_flat_to_its_bounds(tmp_path):
    # the alarm is 1 only where y is 1: its coefficient runs towards the bound with a standard error far wider
    # than the bounds allow, while the correlation-scaled condition number stays small
    rng = np.random.default_rng(3)
    x = rng.normal(0, 1, 300)
    y = (rng.uniform(size=300) < 1 / (1 + np.exp(-(-1.0 + 0.8 * x)))).astype(int)
    alarm = ((y == 1) & (rng.uniform(size=300) < 0.4)).astype(int)
    res, e, diag = _train_frame(tmp_path, SEPARATED, pd.DataFrame({"x": x, "alarm": alarm, "y": y}))
    assert res.returncode in (0, 1), res.stderr
    assert e["symptom"] == "singular_matrix", e["what_happened"]
    failing = diag(e["tests"][1]["run_id"])
    flat = [w for w in failing["weak"] if w["reason"] == "flat to its bounds"]
    assert [w["name"] for w in flat] == ["b_alarm"] and failing["se"]["b_alarm"] > 40
    assert "the likelihood is flat along it up to a bound" in e["what_happened"]
    assert e["root_cause"] in ("non_identifiable", "unknown")


def _train_frame(tmp_path, code, data):
    res = cli("train", str(write(tmp_path, code, data)), "--quiet")
    entry = json.loads((tmp_path / "dev_diary.json").read_text())[0]
    runs = tmp_path / "results/runs"

    def diag(run_id):
        return json.loads((runs / run_id / "diagnostics.json").read_text())
    return res, entry, diag
