"""What an MLE fit records: the estimates table (files, bundle, ``summary()``), bounds and residual bias as
findings, the optimiser's word respected, non-finite likelihood values handled and named, covariates checked
at spec time."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli
from mle_cases import LOG_ZERO, POISSON, frame, write


def test_estimates_table_files_bundle_summary_and_findings(tmp_path):
    # b's upper bound 1.5 sits below the true slope 2: the estimate lands on it, and the groups are biased
    spec = write(tmp_path, POISSON.replace('"upper": 10.0', '"upper": 1.5'), frame("poisson"),
                 'ignore_columns = ["site"]\n')
    res = cli("train", str(spec), "--quiet")
    # an optimum on a bound the model sets is not accepted: the data ask for a value the bound excludes; the fit
    # stays in its run folder, with its table of estimates, and the line that sets the bound is named
    assert res.returncode == 1 and "surprising_optimum" in res.stdout and "code change needed" in res.stdout, \
        res.stdout + res.stderr
    assert not (tmp_path / "results/estimates.csv").exists()
    run = next((tmp_path / "results/runs").iterdir())
    csv = pd.read_csv(run / "estimates.csv")
    assert list(csv["parameter"]) == ["a", "b"] and csv.loc[1, "at_bound"] == "upper"
    assert csv.loc[0, "ci_low"] < csv.loc[0, "estimate"] < csv.loc[0, "ci_high"]
    d = json.loads((run / "diagnostics.json").read_text())
    assert d["estimates_table"]["rows"][0]["se"] == pytest.approx(d["se"]["a"])
    md = (run / "estimates.md").read_text()
    assert "Wald 95%" in md and "at its upper bound 1.5" in md and f"AIC {d['aic']:.4f}" in md
    assert any("is at its upper bound" in f for f in d["findings"])
    bias = d["residuals_by_group"]
    assert any(abs(v) > 0.10 for v in bias["relative_to_mean_target"].values())
    assert any(f.startswith("residual bias: `site`") for f in d["findings"])
    # the optimiser's word is recorded and respected: no convergence flag against a converged optimiser
    assert d["optimizer"]["success"] and d["optimizer_converged"] and not d["optimizer"]["hit_iteration_limit"]
    assert d["optimizer"]["nit"] >= 1 and d["optimizer"]["nfev"] >= d["optimizer"]["nit"]
    assert d["stationarity"]["stationary"] and "b" not in d["stationarity"]["newton_gain"]  # held by its bound


def test_an_accepted_fit_publishes_its_table_and_the_bundle_summarises_it(tmp_path):
    spec = write(tmp_path, POISSON, frame("poisson"), 'ignore_columns = ["site"]\n')
    res = cli("train", str(spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    run = next((tmp_path / "results/runs").iterdir())
    assert (run / "estimates.csv").read_text() == (tmp_path / "results/estimates.csv").read_text()
    d = json.loads((run / "diagnostics.json").read_text())
    from model_trainer import load_model

    bundle = load_model(tmp_path / "results/model_final.pkl")
    table = bundle.summary()
    assert list(table.index) == ["a", "b"] and not table["at_bound"].notna().any()
    assert table.attrs["aic"] == pytest.approx(d["aic"]) and "Wald" in table.attrs["interval"]
    val = pd.read_csv(tmp_path / "data/val.csv")
    assert bundle.predict(val) == pytest.approx(d["estimates"]["a"] + d["estimates"]["b"] * val["x"].to_numpy())


def test_a_hit_iteration_limit_is_named_as_such(tmp_path):
    spec = write(tmp_path, POISSON, frame("poisson"), 'ignore_columns = ["site"]\n\n[config]\nmax_iter = 1\n')
    res = cli("train", str(spec), "--quiet")
    e = json.loads((tmp_path / "dev_diary.json").read_text())[0]
    assert e["symptom"] == "slow_convergence", e["what_happened"]
    assert "hit its iteration limit" in e["what_happened"] and "still falling" not in e["what_happened"]
    assert "epoch" not in e["what_happened"] and "learning rate" not in e["what_happened"]
    # ten times the iterations, tried, is what fixed it
    assert res.returncode == 0 and (e["root_cause"], e["status"]) == ("insufficient_training", "resolved")
    assert e["fix"]["config_after"]["max_iter"] == 10


def test_log_of_non_positive_values_is_stepped_back_from_and_named(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 5, 250)
    data = pd.DataFrame({"x": x, "site": np.where(x > 2.5, "north", "south"), "y": rng.poisson(0.2 + 2.0 * x)})
    code = LOG_ZERO.replace('"init": 0.2}', '"init": 3.0}').replace('"init": 1.0}', '"init": 0.1}')
    spec = write(tmp_path, code, data, 'ignore_columns = ["site"]\n')
    res = cli("train", str(spec), "--quiet")
    assert res.returncode == 0, res.stderr
    d = json.loads((next((tmp_path / "results/runs").iterdir()) / "diagnostics.json").read_text())
    nf = d["non_finite"]
    # the optimiser met log(0) on its way, was told, stepped back, and the estimates are the right ones
    assert nf["non_finite_evaluations"] >= 1 and nf["last_point"]["theta"]["a"] < 0 and nf["rows"]
    assert d["nll_finite"] and d["optimizer_converged"] and nf["next_to_estimates"] == []
    assert d["estimates"]["b"] == pytest.approx(2.0, abs=0.15) and abs(d["estimates"]["a"]) < 0.3
    train = pd.read_csv(tmp_path / "data/train.csv")
    a, b = nf["last_point"]["theta"]["a"], nf["last_point"]["theta"]["b"]
    assert all(a + b * train.loc[r, "x"] <= 0 for r in nf["rows"])  # the rows named are where lam <= 0


def test_a_non_numeric_covariate_is_bad_input_before_anything_runs(tmp_path):
    code = POISSON.replace('"lower": 0.0, "upper": 10.0}', '"lower": 0.0, "upper": 10.0, "covariate": "high"}')
    spec = write(tmp_path, code, frame("poisson"), 'ignore_columns = ["site"]\n')
    before = sorted(p.name for p in tmp_path.rglob("*"))
    res = cli("train", str(spec), "--quiet")
    assert res.returncode == 2
    assert "model.py" in res.stderr and "line 3" in res.stderr and "`b`" in res.stderr and "'high'" in res.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


WRONG_COLUMN = """
import numpy as np

PARAMS = [{"name": "a", "init": 0.5, "lower": 0.0}, {"name": "b", "init": 0.5, "lower": 0.0, "upper": 10.0}]


def predict(theta, data):
    return theta[0] + theta[1] * data["x"].to_numpy()


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-9)
    counts = data.iloc[:, -1].to_numpy()
    return float(np.sum(lam - counts * np.log(lam)))
"""


def test_a_likelihood_that_never_reads_the_target_is_named_at_its_positional_read(tmp_path):
    # the file's last column is another count, not the target: the fit is to it, and the target never moves the NLL
    data = frame("poisson").drop(columns="site")
    data["visits"] = np.random.default_rng(1).poisson(5.0, len(data))
    spec = write(tmp_path, WRONG_COLUMN, data)
    res = cli("train", str(spec), "--quiet")
    assert res.returncode == 1 and "code change needed: code/model.py:12" in res.stdout, res.stdout + res.stderr
    e = json.loads((tmp_path / "dev_diary.json").read_text())[0]
    found = next(t for t in e["tests"] if t["action"].startswith("Perturbed each column"))
    assert "never reads the target `y`" in found["result"] and "`visits`" in found["result"]
    assert any(h["cause"] == "label_corruption" for h in e["hypotheses"])
