"""Repairs propose exactly one change, only where it applies, and say when a knob is missing."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli, make_project
from model_trainer.detect.base import Facts, Finding
from model_trainer.probes.data_report import data_report
from model_trainer.repairs import REPAIRS, Context, plan
from model_trainer.repairs.clip_gradients import ClipGradients
from model_trainer.repairs.lower_lr import LowerLR


def ctx(config: dict, symptom: str = "nan_loss", knobs: set | None = None, data=None, **meas) -> Context:
    return Context(config=config, data_repairs={}, finding=Finding(symptom, 3, "x"), facts=Facts(data=data),
                   knobs=set(config) if knobs is None else knobs, measurements=meas)


def test_lower_lr_changes_only_lr():
    change = REPAIRS["lower_lr"].propose(ctx({"lr": 0.1, "epochs": 30}))
    assert change.config_after == {"lr": 0.01, "epochs": 30} and change.description == "lr 0.1 -> 0.01"
    assert "lr = 0.1" in change.code_before and "lr = 0.01" in change.code_after


def test_missing_knob_is_reported_not_invented():
    change = REPAIRS["clip_gradients"].propose(ctx({"lr": 0.1}))
    assert change.missing_key == "clip_grad_norm"


def test_clip_root_cause_follows_the_gradient_measurement():
    base = {"lr": 0.1, "clip_grad_norm": 0.0}
    assert REPAIRS["clip_gradients"].propose(ctx(base, gradient_heterogeneity=True)).root_cause == \
        "gradient_heterogeneity"
    assert REPAIRS["clip_gradients"].propose(ctx(base)).root_cause == "learning_rate_too_high"


def test_standardize_only_with_evidence():
    wide = pd.DataFrame({"a": [1.0, 2000.0, 3000.0, 40.0], "b": [0.1, 0.2, 0.3, 0.4], "y": [1.0, 2, 3, 4]})
    narrow = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [0.5, 0.2, 0.3, 0.4], "y": [1.0, 2, 3, 4]})
    for frame, expected in ((wide, True), (narrow, False)):
        rep = data_report(frame, frame, ["a", "b"], "y")
        change = REPAIRS["standardize"].propose(ctx({"lr": 0.1}, data=rep))
        assert (change is not None) is expected
    change = REPAIRS["standardize"].propose(ctx({"lr": 0.1}, data=data_report(wide, wide, ["a", "b"], "y")))
    assert change.data_after == {"standardize": True} and change.config_after == {"lr": 0.1}


def test_argument_checks_quote_the_bad_value():
    with pytest.raises(ValueError, match=r"1\.5"):
        LowerLR(factor=1.5)
    with pytest.raises(ValueError, match="-1"):
        ClipGradients(max_norm=-1)


def test_dying_from_epoch_one_tries_initialisation_first():
    assert plan("dying_relu", 1)[0].name == "kaiming_init"
    assert plan("dying_relu", 7)[0].name == "lower_lr"


def test_every_planned_repair_exists_and_answers_its_symptom():
    from model_trainer.causes import CAUSES
    from model_trainer.detect import DESCRIPTORS

    for symptom, d in DESCRIPTORS.items():
        for name in d.repairs:
            assert symptom in REPAIRS[name].symptoms, (symptom, name)
        assert all(c in CAUSES or c == "unknown" for c in d.causes), symptom


def test_a_target_mapped_into_a_bounded_range_comes_back_in_its_own_units():
    from model_trainer.preprocess import TARGET_RANGES, fit_preprocess

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=50), "y": rng.normal(3.0, 2.0, size=50)})
    for into, (lo, hi) in TARGET_RANGES.items():
        tr, _, pre = fit_preprocess(frame, frame, "y", ["x"], {"rescale_target": into})
        y = tr["y"].to_numpy()
        if lo is not None:
            assert y.min() == pytest.approx(lo)
        if hi is not None:
            assert y.max() == pytest.approx(hi)
        if lo is None or hi is None:
            assert y.std() == pytest.approx(1.0)  # a one-sided range keeps the target's spread
        assert pre.inverse_target(y) == pytest.approx(frame["y"].to_numpy())
    with pytest.raises(ValueError, match=r"'0\.\.2'"):
        fit_preprocess(frame, frame, "y", ["x"], {"rescale_target": "0..2"})


def test_the_target_is_mapped_into_a_bound_only_where_the_predictions_show_one():
    from model_trainer.repairs.rescale_target import bounded_range

    assert bounded_range({"pred_min": 1e-9, "pred_max": 0.7, "activation": None}) == "0..1"
    assert bounded_range({"pred_min": -0.999, "pred_max": 0.2, "activation": None}) == "-1..1"
    assert bounded_range({"pred_min": 0.0, "pred_max": 4.0, "activation": None}) == "0..inf"
    # predictions near the mean of a model that learnt little are shrinkage, not a bound
    assert bounded_range({"pred_min": 0.3, "pred_max": 0.6, "activation": None}) is None
    # a sigmoid in the code whose output the code maps again before returning it: the predictions show no bound
    assert bounded_range({"pred_min": -3.0, "pred_max": 5.0, "activation": "sigmoid"}) is None
    assert bounded_range({"pred_min": 0.2, "pred_max": 0.5, "activation": "sigmoid"}) == "0..1"


SVR_RBF = """
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

def build_estimator(config):
    return make_pipeline(StandardScaler(), SVR(C=float(config["C"]), gamma=float(config["gamma"])))
"""


def test_a_kernel_narrower_than_the_rows_spacing_is_widened(project):
    """One fit of an RBF machine whose kernel sees every training row alone: its training rows are reproduced, its
    validation rows get the intercept. The kernel's width is the knob, not C."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, (400, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["y"] = 3 * np.sin(x[:, 0]) + x[:, 1] + 0.5 * x[:, 2] + rng.normal(0, 0.3, 400)
    p = project(SVR_RBF, kind="sklearn", entry="code/model.py:build_estimator", config="C = 10.0\ngamma = 50.0\n",
                data=frame, extra='[domain]\ntarget_units = "t"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["symptom"] == "overfitting" and "memorised" in entry["what_happened"], entry["what_happened"]
    assert entry["root_cause"] == "insufficient_regularization" and entry["status"] == "resolved"
    assert float(entry["fix"]["config_after"]["gamma"]) < 50.0 and entry["fix"]["config_after"]["C"] == 10.0


def test_a_schedulers_gamma_is_no_kernel_width():
    from model_trainer.repairs.regularization import Regularization

    over = Finding("overfitting", None, "")
    torch_cfg = Context({"lr": 0.01, "gamma": 0.5}, {}, over, Facts(kind="torch"), {"lr", "gamma"})
    assert Regularization().propose(torch_cfg) is None
    svr = Context({"C": 1.0, "gamma": 5.0}, {}, over, Facts(kind="sklearn"), {"C", "gamma"})
    assert [c.description for c in Regularization().propose(svr).bracket] == ["gamma 5 -> 0.5", "gamma 5 -> 0.05"]


CAPPED_COUNTS = """
import numpy as np

CAP = 40.0


class Rate:
    def __init__(self, w, b, mu, sd):
        self.w, self.b, self.mu, self.sd = w, b, mu, sd

    def predict(self, frame):
        x = (frame[["x1", "x2"]].to_numpy() - self.mu) / self.sd
        return np.minimum(x @ self.w + self.b, CAP)


def train_model(data_train, data_val, config, monitor):
    x, y = data_train[["x1", "x2"]].to_numpy(), data_train["y"].to_numpy()
    mu, sd = x.mean(axis=0), x.std(axis=0)
    x = (x - mu) / sd
    w, b = np.zeros(2), 0.0
    model = Rate(w, b, mu, sd)
    for epoch in range(config["epochs"]):
        raw = x @ w + b
        pred = np.minimum(raw, CAP)
        g = (pred - y) * (raw < CAP)
        w, b = w - config["lr"] * x.T @ g / len(y), b - config["lr"] * g.mean()
        model = Rate(w, b, mu, sd)
        err = model.predict(data_val) - data_val["y"].to_numpy()
        monitor.log_epoch(train_loss=float(np.mean((pred - y) ** 2)), val_loss=float(np.mean(err ** 2)))
    return model
"""


def test_predictions_capped_by_the_code_are_tested_with_the_target_scaled_under_the_cap(project):
    """A clip in the model caps every prediction at 40 while a third of the targets lie above: the rows above the
    cap all get exactly 40. Scaling the target under the cap lets the same code fit, which confirms the cause; the
    fix stays the code's, so nothing is accepted."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    frame = pd.DataFrame(x, columns=["x1", "x2"])
    frame["y"] = np.maximum(0.0, 35 + 15 * x[:, 0] + 5 * x[:, 1] + rng.normal(0, 2, 400)).round()
    p = project(CAPPED_COUNTS, config="lr = 0.3\nepochs = 60\n", data=frame,
                extra='[domain]\ntarget_units = "visits/day"\n')
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["root_cause"] == "output_range_mismatch", entry["tests"]
    cap_test = next(t for t in entry["tests"] if "below the predictions' cap, 40" in t["action"])
    assert cap_test["passed"] is True and "get exactly the largest prediction" in json.dumps(entry["tests"])
    assert not (p.root / "ws/results/model_final.pkl").exists()


def test_a_cap_is_scaled_under_and_comes_back_in_the_targets_units():
    from model_trainer.preprocess import fit_preprocess
    from model_trainer.repairs.rescale_target import bounded_range

    frame = pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10.0) * 100})
    tr, _, pre = fit_preprocess(frame, frame, "y", ["x"], {"rescale_target": "-inf..40"})
    y = tr["y"].to_numpy()
    assert y.min() == 0.0 and y.max() == pytest.approx(36.0)  # zeros stay zeros; the largest 0.9 of the cap
    assert pre.inverse_target(y) == pytest.approx(frame["y"].to_numpy())
    capped = {"pred_min": 3.0, "pred_max": 40.0, "activation": None, "capped": True}
    assert bounded_range(capped) == "-inf..40"
    assert bounded_range({**capped, "capped": False}) is None
    from model_trainer.probes.output_range import capped as is_capped

    top = {"pred_at_max": 0.2, "pred_distinct": 0.7, "pred_max": 40.0}
    assert is_capped(top, 100.0) and is_capped({**top, "pred_at_min": 0.01}, 100.0)
    # piles at both ends: an averaging model's rows beyond its data on either side, not a clamp
    assert not is_capped({**top, "pred_at_min": 0.2}, 100.0)
    from model_trainer.kinds.common import extremes

    # a model that answers 2.1183 to every row, a hair apart, is constant, not capped
    flat = 2.1183 + np.random.default_rng(0).normal(0, 1e-9, 200)
    assert not is_capped({**extremes(flat), "pred_max": float(flat.max())}, 200.0)
    with pytest.raises(ValueError, match=r"'-inf\.\.-3'"):
        fit_preprocess(frame, frame, "y", ["x"], {"rescale_target": "-inf..-3"})


def test_standardize_leaves_zero_one_columns_as_they_are():
    """A censoring flag or a one-hot level is already on a unit scale, and code that tests ``failed == 1`` must
    still find its ones after the features are standardised."""
    from model_trainer.preprocess import fit_preprocess

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"pressure_pa": rng.normal(5e5, 1e5, 60), "failed": rng.integers(0, 2, 60),
                          "y": rng.normal(size=60)})
    tr, va, pre = fit_preprocess(frame, frame, "y", ["pressure_pa", "failed"], {"standardize": True})
    assert tr["failed"].tolist() == frame["failed"].tolist() and va["failed"].tolist() == frame["failed"].tolist()
    assert abs(tr["pressure_pa"].mean()) < 1e-9 and "failed" not in pre.x_mean
    rep = data_report(frame, frame, ["pressure_pa", "failed"], "y").with_repairs({"standardize": True})
    assert rep.feature_std["pressure_pa"] == 1.0
    assert rep.feature_std["failed"] == pytest.approx(frame["failed"].std(ddof=0))


def test_a_gradient_that_fell_to_float_precision_is_convergence_not_a_vanishing_one():
    from model_trainer.detect.vanishing_gradients import detect
    from model_trainer.events import EpochLogged

    converged = [EpochLogged(i, {"train_loss": 26.5 + 1.7 / i ** 3, "grad_norm": 7.5 * 10.0 ** (-i)}, 0.1)
                 for i in range(1, 17)]
    assert detect(converged, Facts(baseline_metric=None)) is None
    stuck = [EpochLogged(i, {"train_loss": 26.5, "grad_norm": 3e-8}, 0.1) for i in range(1, 17)]
    assert detect(stuck, Facts(baseline_metric=None)).symptom == "vanishing_gradients"


KEEPS_BEST = """
import copy
import numpy as np
import torch
from torch import nn


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    xt = torch.tensor(data_train[["x1", "x2", "x3"]].to_numpy(np.float32))
    yt = torch.tensor(data_train[["y"]].to_numpy(np.float32))
    xv = torch.tensor(data_val[["x1", "x2", "x3"]].to_numpy(np.float32))
    yv = torch.tensor(data_val[["y"]].to_numpy(np.float32))
    net = nn.Sequential(nn.Linear(3, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 1))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    best, best_loss = None, float("inf")
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = ((net(xt) - yt) ** 2).mean()
        loss.backward()
        opt.step()
        with torch.no_grad():
            val = float(((net(xv) - yv) ** 2).mean())
        if val < best_loss:
            best_loss, best = val, KEEP
        monitor.log_epoch(train_loss=float(loss), val_loss=val, metric=val ** 0.5)
    net.load_state_dict(best)
    return net
"""


def _noisy_few(n: int = 80) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(n, 3))
    return pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2],
                         "y": x[:, 0] - 0.5 * x[:, 1] + rng.normal(0, 1.0, n)})


@pytest.mark.parametrize("keep", ["net.state_dict()", "copy.deepcopy(net.state_dict())"])
def test_best_weights_kept_by_reference_are_confirmed_by_a_copying_hook_and_a_copy_is_accepted(tmp_path, keep):
    """``best = net.state_dict()`` holds the live tensors, so the reload at the end restores the last epoch: the
    network overfits 60 noisy rows and returns its last epoch's weights. The tool's hook makes every state_dict() a
    copy; the run then returns the best epoch, which confirms the missing copy. With the copy written in the code, the
    rising curve is not in the returned model, which is judged by its own score and accepted."""
    p = make_project(tmp_path, KEEPS_BEST.replace("KEEP", keep), data=_noisy_few(),
                     config="lr = 0.01\nepochs = 300\nweight_decay = 0.0\n")
    r = cli("train", str(p.spec), "--out", str(tmp_path / "ws"))
    verdict = json.loads((tmp_path / "ws/results/verdict.json").read_text())
    if keep == "net.state_dict()":
        assert verdict["symptom"] == "overfitting", r.stdout + r.stderr
        assert (verdict["cause"], verdict["cause_status"]) == ("training_loop_bug", "confirmed"), verdict
        assert "code/model.py:25" in verdict["note"]
        md = (tmp_path / "ws/dev_diary.md").read_text()
        assert "make every state_dict() a copy" in md and "the cause is confirmed" in md
    else:
        assert (r.returncode, verdict["status"], verdict["symptom"]) == (0, "accepted", None), verdict["line"]
