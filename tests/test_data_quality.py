"""Values that stand for something else: a missing-value code in a feature, targets recorded in another unit."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli
from model_trainer import load_model

KNN = """
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

def build_estimator(config):
    return make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=int(config["n_neighbors"])))
"""

RIDGE = """
from sklearn.linear_model import Ridge

def build_estimator(config):
    return Ridge(alpha=float(config["alpha"]))
"""


def _frame(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 10, (n, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["y"] = 3 * np.sin(x[:, 0]) + x[:, 1] + 0.5 * x[:, 2] + rng.normal(0, 0.3, n)
    return frame


def test_a_missing_value_code_in_a_feature_is_read_as_missing_and_the_model_keeps_doing_so(project):
    frame = _frame()
    blank = np.random.default_rng(1).random(len(frame)) < 0.15
    frame.loc[blank, "a"] = -999.0
    p = project(KNN, kind="sklearn", entry="code/model.py:build_estimator", config="n_neighbors = 5\n", data=frame,
                extra='[domain]\ntarget_units = "t"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["cause"] == "invalid_data" and verdict["status"] == "resolved", verdict
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    found = next(t for t in entry["tests"] if t["action"].startswith("Looked for values far outside"))
    assert "-999 in" in found["result"] and "`a`" in found["result"]
    assert any(t["action"].startswith("read -999 in `a` as missing") and t["passed"] for t in entry["tests"])
    # the accepted model reads the code as the training median on new rows too
    val = pd.read_csv(p.root / "data/val.csv")
    pred = load_model(p.root / "ws/results/model_final.pkl").predict(val)
    rmse = float(np.sqrt(np.mean((pred - val["y"].to_numpy()) ** 2)))
    assert rmse == pytest.approx(verdict["metric"], rel=1e-6)
    gates = cli("gates", str(p.root / "ws")).stdout
    assert "PASS traceability" in gates and "PASS consistency" in gates, gates


def test_targets_recorded_in_another_unit_are_left_out_of_training(project):
    frame = _frame()
    frame["y"] = frame["y"] + 20.0
    frame.loc[[7, 40, 77, 150, 201], "y"] *= 1000.0  # five training rows in grams among kilograms
    p = project(RIDGE, kind="sklearn", entry="code/model.py:build_estimator", config="alpha = 1.0\n", data=frame,
                extra='[domain]\ntarget_units = "kg"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    found = next(t for t in entry["tests"] if t["action"].startswith("Looked for training targets far beyond"))
    assert found["result"].startswith("5 of 300 training targets") and "file lines 9, 42, 79" in found["result"]
    assert r.returncode == 0, r.stdout + r.stderr
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["cause"] == "invalid_data"
    assert verdict["metric"] < 3.0  # the ridge on the kilograms alone; with the grams in it is hundreds off


def test_a_missing_value_code_in_the_target_is_flagged_before_the_model_and_its_rows_left_out(project):
    # 6% of the training targets are -999 (a lost sample): the model and every reference fitted on those rows are
    # pulled the same way, so nothing but the data check can see it; the rows are left out, one fit, no retraining
    frame = _frame()
    frame["y"] = frame["y"] + 20.0
    lost = np.flatnonzero(np.random.default_rng(2).random(300) < 0.06)
    frame.loc[lost, "y"] = -999.0
    p = project(RIDGE, kind="sklearn", entry="code/model.py:build_estimator", config="alpha = 1.0\n", data=frame,
                extra='[domain]\ntarget_units = "mg/L"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["symptom"] == "invalid_data" and entry["root_cause"] == "invalid_data"
    assert f"holds -999 in {len(lost)} of 300 rows" in entry["what_happened"]
    assert len(list((p.root / "ws/results/runs").iterdir())) == 2  # the flagged fit and the one without those rows
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["metric"] < 3.0
    # the references learnt the values, not the code: a constant predictor at the mean of the real targets
    refs = json.loads((p.root / "ws/results/data_report.json").read_text())["references"]
    assert refs["constant"] < 10.0 and refs["linear"] < 3.0


def test_a_stretch_of_rows_in_another_unit_is_found_by_its_lines_and_left_out(project):
    # the first 120 training rows come from a logger that wrote `b` 3.6 times larger: every fit, the references
    # included, compromises between two relationships, so only the rows' order shows it
    frame = _frame(n=640)
    frame.loc[:119, "b"] *= 3.6
    p = project(KNN, kind="sklearn", entry="code/model.py:build_estimator", config="n_neighbors = 5\n", data=frame,
                extra='[domain]\ntarget_units = "kW"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    block = json.loads((p.root / "ws/results/data_report.json").read_text())["row_block"]
    assert block["first_line"] == 2 and abs(block["last_line"] - 121) <= 8, block
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["symptom"] == "invalid_data" and entry["root_cause"] == "invalid_data", entry["what_happened"]
    assert f"file lines 2-{block['last_line']}" in entry["what_happened"]
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    first = pd.read_csv(next((p.root / "ws/results/runs").glob("*-01-train")) / "history.csv")["metric"].iloc[-1]
    assert verdict["status"] == "resolved" and verdict["metric"] < 0.9 * first, (verdict, first)


def test_a_drift_with_the_files_order_that_leaving_rows_out_does_not_cure_is_no_block():
    """Residuals that drift with the rows' order for a reason the features do not carry (a slow season) are no
    stretch recorded otherwise: boosting fitted without any stretch does no better on validation."""
    from model_trainer.probes.row_blocks import row_block

    rng = np.random.default_rng(3)
    n = 1200
    t = np.arange(n)
    x = rng.uniform(0, 10, (n, 2))
    y = x[:, 0] + 0.5 * x[:, 1] + 2.0 * np.sin(2 * np.pi * t / 400) + rng.normal(0, 0.3, n)
    tr, va = np.arange(n) % 4 != 0, np.arange(n) % 4 == 0  # validation interleaved in time: the same seasons
    assert row_block(x[tr], y[tr], x[va], y[va], np.flatnonzero(tr), "rmse") is None
    assert row_block(x[tr][:150], y[tr][:150], x[va], y[va], np.arange(150), "rmse") is None  # too few rows
    assert row_block(x[tr], y[tr], x[va], y[va], np.flatnonzero(tr), "accuracy") is None


def test_a_stretch_of_labels_joined_to_the_wrong_rows_is_found_and_only_tested():
    """Classes pasted one row down in the second half of the training file: boosting misclassifies that stretch far
    more often, leaving it out helps validation, and the finding's test is a diagnostic (the labels are the data's
    to join again); a file sorted by class is no such stretch."""
    from model_trainer.detect import DETECTORS, Facts
    from model_trainer.probes.data_report import DataReport
    from model_trainer.probes.row_blocks import row_block
    from model_trainer.repairs import REPAIRS
    from model_trainer.repairs.base import Context

    rng = np.random.default_rng(4)

    def frame(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.normal(0, 1, (n, 3))
        return x, (x[:, 0] + 0.7 * x[:, 1] + rng.normal(0, 0.6, n) > 0).astype(float)
    x, y = frame(1000)
    xv, yv = frame(400)
    pasted = y.copy()
    pasted[501:] = y[500:-1]  # one row down from line 503 on
    blk = row_block(x, pasted, xv, yv, np.arange(1000), "accuracy")
    assert blk is not None and blk["labels"] and abs(blk["first_line"] - 503) <= 40 and blk["last_line"] >= 990, blk
    order = np.argsort(y, kind="stable")
    assert row_block(x[order], y[order], xv, yv, np.arange(1000), "accuracy") is None
    rep = DataReport(1000, 400, ["a", "b", "c"], {}, {}, {}, [], 0, [], target="y", row_block=blk)
    f = DETECTORS["invalid_data"]([], Facts(data=rep, metric="accuracy"))
    assert f is not None and "carry classes their features do not explain" in f.message
    ctx = Context({}, {}, f, Facts(data=rep, metric="accuracy"), set())
    assert REPAIRS["drop_row_block"].propose(ctx) is None
    change = REPAIRS["leave_out_row_block"].propose(ctx)
    assert REPAIRS[change.repair].diagnostic and change.root_cause == "label_corruption"
    assert change.data_after == {"drop_row_block": [blk["first_line"], blk["last_line"]]}


def test_a_heavy_tailed_target_and_a_sparse_column_are_no_finding():
    from model_trainer.probes.data_report import data_report

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"pixel": np.where(rng.random(500) < 0.95, 0.0, 16.0), "x": rng.normal(size=500)})
    frame["y"] = rng.pareto(1.5, 500) + 1  # claims: a long tail, no gap
    rep = data_report(frame[:400], frame[400:], ["pixel", "x"], "y")
    assert rep.missing_codes == {} and rep.target_outliers is None


WEEKDAY_LINEAR = """
import numpy as np


def _design(frame):
    dow = np.eye(7)[frame["dow"].to_numpy().astype(int).clip(0, 6)]
    return np.c_[dow, frame[["temp"]].to_numpy()]


class Linear:
    def __init__(self, w):
        self.w = w

    def predict(self, frame):
        return _design(frame) @ self.w


def train_model(data_train, data_val, config, monitor):
    x, y = _design(data_train), data_train["y"].to_numpy()
    w = np.linalg.lstsq(x, y, rcond=None)[0]
    for epoch in range(3):
        err = Linear(w).predict(data_val) - data_val["y"].to_numpy()
        monitor.log_epoch(train_loss=float(np.mean((x @ w - y) ** 2)), val_loss=float(np.mean(err ** 2)))
    return Linear(w)
"""


def test_a_weekday_coded_from_one_in_one_file_and_from_zero_in_the_other_is_found_and_only_tested(project):
    rng = np.random.default_rng(0)
    n = 700
    dow, temp = np.arange(n) % 7, rng.normal(15, 5, n)
    frame = pd.DataFrame({"dow": dow, "temp": temp,
                          "y": 100 + 40 * np.sin(dow) + 2 * temp + rng.normal(0, 3, n)})
    frame.loc[525:, "dow"] += 1  # the validation quarter (make_project's cut) coded Monday = 1
    p = project(WEEKDAY_LINEAR, data=frame, extra='[domain]\ntarget_units = "parcels/day"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["symptom"] == "invalid_data" and "`dow` holds 7" in entry["what_happened"], entry["what_happened"]
    assert entry["root_cause"] == "train_val_mismatch"
    test = next(t for t in entry["tests"] if "recode `dow`" in t["action"])
    assert test["passed"] is True
    assert not (p.root / "ws/results/model_final.pkl").exists()


def test_a_split_by_time_or_by_group_is_no_coding_difference():
    from model_trainer.probes.data_report import feature_codes

    years = pd.DataFrame({"year": np.repeat(np.arange(2010, 2019), 10)})
    later = pd.DataFrame({"year": np.repeat([2019, 2020], 10)})
    assert feature_codes(years, later, ["year"]) is None  # fewer levels in validation: a split by time
    months = pd.DataFrame({"month": np.tile(np.arange(1, 13), 5)})
    assert feature_codes(months, months.iloc[:30], ["month"]) is None  # a subset of training's levels
    rooms = pd.DataFrame({"rooms": np.r_[np.ones(200), np.arange(1, 7).repeat(30)]})
    one_more = pd.DataFrame({"rooms": np.r_[np.arange(2, 7).repeat(30), [7.0] * 3]})
    assert feature_codes(rooms, one_more, ["rooms"]) is None  # a rare new level is under the share
    five = pd.DataFrame({"year": np.repeat(np.arange(2015, 2020), 10)})
    assert feature_codes(five, five + 5, ["year"]) is None  # as many levels, none shared: a split by time
    inf = pd.DataFrame({"dow": [0.0, 1.0, 2.0, np.inf] * 5})
    assert feature_codes(inf, pd.DataFrame({"dow": [1.0, 2.0, 3.0] * 5}), ["dow"])["val"] == [1, 2, 3]
