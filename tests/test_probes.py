"""Probes an expert runs before guessing, and the quick references; one real torch run for the output range."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli, linear_data
from model_trainer.probes.error_messages import known_error
from model_trainer.probes.loop_code import loop_findings, nll_calls
from model_trainer.probes.output_range import output_range
from model_trainer.probes.references import data_hash, references
from model_trainer.probes.shift import shifted_columns


def test_references_regression_and_classification():
    df = linear_data(300)
    ref = references(df[:220], df[220:], ["x0", "x1", "x2"], "y", "rmse")
    c, lin, boo = ref.values["constant"], ref.values["linear"], ref.values["boosting"]
    assert lin < 0.2 < c and lin < boo < c and ref.best(False)[0] == "linear"
    # scored again on a fifth of the training rows they were not fitted on: the same population, the same level
    assert set(ref.held_out) == {"linear", "boosting"} and ref.held_out["linear"] < 0.2
    assert not references(df[:40], df[40:60], ["x0", "x1", "x2"], "y", "rmse").held_out  # too few rows to split
    df["cls"] = (df["y"] > 0).astype(int)
    ref = references(df[:220], df[220:], ["x0", "x1", "x2"], "cls", "accuracy")
    assert ref.values["linear"] > 0.9 > ref.values["constant"]


def test_a_read_of_the_references_waits_for_their_fit_and_a_record_need_not():
    """References fitted in the background are read lazily: a judgment's read (directly, or through a copy made for
    a data repair) waits for them; the record written before the first run does not."""
    import threading
    import time

    from model_trainer.probes.data_report import data_report

    frame = linear_data()
    rep = data_report(frame[:180], frame[180:], ["x0", "x1", "x2"], "y")
    fitted = {"constant": 1.0, "linear": 0.1, "boosting": 0.2}

    def fit() -> None:
        time.sleep(0.3)
        rep.references = dict(fitted)
    t = threading.Thread(target=fit)

    def wait() -> None:
        t.join()
        rep.references_settled()
    rep.defer_references(wait)
    t.start()
    assert rep.as_record(wait=False)["references"] == {}  # not waited for
    assert rep.with_repairs({"standardize": True}).references == fitted  # the copy was made after the fit
    assert rep.as_record()["references"] == fitted and "_pending" not in vars(rep)


def test_references_skip_and_say_why():
    df = linear_data(50)
    assert set(references(df, df, ["x0"], None, "rmse").skipped) == {"constant", "linear", "boosting"}
    ref = references(df, df, ["x0"], "y", "my_metric")
    assert all(v is None for v in ref.values.values()) and "user's own" in ref.skipped["linear"]
    ref = references(df, df, ["x0"], "y", "accuracy")
    assert "continuous" in ref.skipped["constant"]


def test_data_hash_follows_the_bytes(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x,y\n1,2\n")
    h = data_hash([a], "y")
    assert data_hash([a], "y") == h and data_hash([a], "x") != h
    a.write_text("x,y\n1,3\n")
    assert data_hash([a], "y") != h


def test_output_range():
    assert output_range(0.0, 5.0, -4.0, 6.0)["side"] == "below"
    assert output_range(-3.8, 5.9, -4.0, 6.0) is None  # a little shrinkage toward the mean is normal


def test_shift_finds_a_unit_change_and_leaves_a_random_split_alone():
    rng = np.random.default_rng(0)
    t = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200)})
    v = pd.DataFrame({"a": rng.normal(size=60), "b": rng.normal(size=60) * 1000})
    found = shifted_columns(t, v, ["a", "b"])
    assert [f["column"] for f in found] == ["b"]


def test_loop_code_finds_missing_zero_grad_and_per_batch_scheduler():
    src = (
        "def train_model(tr, va, config, monitor):\n"
        "    for epoch in range(10):\n"
        "        for xb, yb in batches:\n"
        "            loss = lossf(model(xb), yb)\n"
        "            loss.backward()\n"
        "            opt.step()\n"
        "            scheduler.step()\n"
    )
    found = loop_findings(src, "code/model.py")
    assert {(f["line"], f["cause"]) for f in found} == {(5, "training_loop_bug"), (7, "training_loop_bug")}
    ok = src.replace("            loss.backward()", "            opt.zero_grad()\n            loss.backward()")
    ok = ok.replace("            scheduler.step()\n", "        scheduler.step()\n")
    assert loop_findings(ok, "code/model.py") == []


def test_loop_code_finds_an_optimiser_step_after_a_batch_loop_that_clears_each_gradient():
    src = (
        "def train_model(tr, va, config, monitor):\n"
        "    for epoch in range(10):\n"
        "        for xb, yb in batches:\n"
        "            opt.zero_grad()\n"
        "            lossf(model(xb), yb).backward()\n"
        "        opt.step()\n"
        "        plateau.step(val_loss)\n"
    )
    found = [(f["bug"], f["line"]) for f in loop_findings(src, "code/model.py")]
    assert ("step_outside_batch_loop", 6) in found
    # stepped per batch, the step after the loop is a scheduler's; cleared once before the loop, the gradients of
    # every batch add up to one full-batch step on purpose
    per_batch = src.replace("            lossf(model(xb), yb).backward()\n",
                            "            lossf(model(xb), yb).backward()\n            opt.step()\n")
    assert not [f for f in loop_findings(per_batch, "code/model.py") if f["bug"] == "step_outside_batch_loop"]
    accumulated = src.replace("        for xb, yb in batches:\n            opt.zero_grad()\n",
                              "        opt.zero_grad()\n        for xb, yb in batches:\n")
    assert not [f for f in loop_findings(accumulated, "code/model.py") if f["bug"] == "step_outside_batch_loop"]


def test_known_error_messages():
    e = known_error("ValueError", "Expected more than 1 value per channel when training, got input size [1, 8]")
    assert e is not None and e["knob"] == "batch_size" and "BatchNorm" in e["why"]
    shape = known_error("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (4x3 and 5x8)")
    assert shape is not None and shape["cause"] == "code_error"
    assert known_error("ValueError", "something else entirely") is None


RELU_HEAD = """
import torch
from torch import nn

def build_model(config, n_features):
    layers = [nn.Linear(n_features, 16), nn.Tanh(), nn.Linear(16, 1)]
    if config.get("output_activation") == "relu":
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)
"""


@pytest.mark.slow
def test_relu_head_on_negative_targets_is_output_range_mismatch(project):
    p = project(RELU_HEAD, kind="torch", entry="code/model.py:build_model", data=linear_data(240),
                config='lr = 0.01\noptimizer = "adam"\nepochs = 25\nbatch_size = 32\nseed = 0\n'
                       'output_activation = "relu"\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    assert (e["root_cause"], e["status"]) == ("output_range_mismatch", "resolved")
    probe = next(t for t in e["tests"] if t["action"].startswith("Compared the predictions' range"))
    assert "of the target's range lies outside what the model produced" in probe["result"]
    assert e["fix"]["config_after"]["output_activation"] == "none"
    assert {"constant", "linear", "boosting"} <= set(e["references"])
    v = json.loads((p.root / "results/verdict.json").read_text())
    assert v["status"] == "resolved" and "verdict: resolved" in res.stdout


def test_lr_collapse():
    from model_trainer.probes.lr_used import lr_collapse

    assert lr_collapse([0.1, 0.095, 0.08, 0.05, 0.02, 0.0], 0.1) is None   # cosine, stepped per epoch
    assert lr_collapse([0.1, 1e-4, 1e-7, 1e-10, 0.0, 0.0], 0.1)["epoch"] == 2


NO_ZERO_GRAD = """
import numpy as np
import torch


def train_model(tr, va, config, monitor):
    torch.manual_seed(0)
    cols = ["x0", "x1", "x2"]
    x, y = torch.tensor(tr[cols].values, dtype=torch.float32), torch.tensor(tr["y"].values, dtype=torch.float32)
    xv, yv = torch.tensor(va[cols].values, dtype=torch.float32), va["y"].values
    model = torch.nn.Sequential(torch.nn.Linear(3, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
    opt = torch.optim.SGD(model.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        total = 0.0
        for i in range(0, len(x), 32):
            loss = ((model(x[i:i + 32]).squeeze(-1) - y[i:i + 32]) ** 2).mean()
            loss.backward()
            opt.step()
            total += float(loss)
        with torch.no_grad():
            pred = model(xv).squeeze(-1).numpy()
        rmse = float(np.sqrt(np.mean((pred - yv) ** 2)))
        monitor.log_epoch(train_loss=total / max(len(x) // 32, 1), val_loss=rmse ** 2, metric=rmse)
        if monitor.should_stop:
            break
    return model
"""


@pytest.mark.slow
def test_missing_zero_grad_is_named_with_its_line_and_not_claimed_repaired(project):
    p = project(NO_ZERO_GRAD, config="lr = 0.01\nepochs = 20\n", budget="max_attempts = 3\n")
    res = cli("train", str(p.spec), "--quiet")
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    code = next(t for t in e["tests"] if t["action"].startswith("Read the training code"))
    assert "code/model.py:17" in code["result"] and "zero_grad" in code["result"]
    assert any("Change the code at code/model.py:17" in s for s in e["next_steps"])
    # the missing call is tested without touching the code: a hook zeroes the gradients after every step, the run
    # then trains, which confirms the cause; the test is not a repair and its model is not accepted
    test = next(t for t in e["tests"] if t["action"].startswith("zero the gradients after every optimiser step"))
    assert test["passed"] is True and "not a repair" in test["result"]
    assert res.returncode == 1
    assert (e["status"], e["root_cause"], e["fix"]) == ("unresolved", "training_loop_bug", None)
    assert "cause training_loop_bug (confirmed)" in res.stdout and "code change needed: code/model.py:17" in res.stdout
    accepted = p.root / "results/accepted.json"
    assert not accepted.exists() or test["run_id"] not in accepted.read_text()


def test_the_zero_grad_hook_leaves_a_loop_that_zeroes_its_gradients_as_it_was():
    """The diagnostic's hook must not change a correct loop: the same steps with and without it."""
    import subprocess
    import sys

    code = """
import torch
from model_trainer.engine.monitor import Monitor
from model_trainer.kinds.function import _zero_grads_after_each_step

def fit(hook, zero):
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    x, y = torch.randn(64, 3), torch.randn(64)
    for i in range(0, 64, 8):
        if zero:
            opt.zero_grad()
        ((net(x[i:i + 8]).squeeze(-1) - y[i:i + 8]) ** 2).mean().backward()
        opt.step()
    return [p.detach().clone() for p in net.parameters()]

right, wrong = fit(False, True), fit(False, False)
_zero_grads_after_each_step(Monitor(lambda e: None))
assert all(torch.equal(a, b) for a, b in zip(fit(True, True), right))
assert all(torch.equal(a, b) for a, b in zip(fit(True, False), right))  # the missing call, made by the hook
assert not all(torch.equal(a, b) for a, b in zip(wrong, right))
print("ok")
"""
    # a process of its own: the hook is global to the process that registers it, as in a run's child
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr


BATCHNORM = """
from torch import nn

def build_model(config, n_features):
    return nn.Sequential(nn.Linear(n_features, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
"""


def test_batch_of_one_under_batchnorm_is_a_known_error_whose_config_change_is_tested(project):
    # 180 training rows in batches of 179 leave a last batch of one row: the error names the knob, the tool tries it
    p = project(BATCHNORM, kind="torch", entry="code/model.py:build_model",
                config='lr = 0.01\noptimizer = "adam"\nepochs = 60\nbatch_size = 179\n')
    res = cli("train", str(p.spec))
    assert res.returncode == 0, res.stdout + res.stderr
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    known = next(t for t in e["tests"] if t["action"] == "Matched the error message against known errors")
    assert "BatchNorm" in known["result"] and "more than 1 value per channel" in known["result"]
    bs = e["fix"]["config_after"]["batch_size"]
    assert bs != 179 and 180 % bs != 1
    assert (e["status"], e["root_cause"]) == ("resolved", "code_error")
    # the crash came before the first epoch: the fix was tested at full length and is the final model itself
    runs = sorted((p.root / "results/runs").iterdir())
    assert not any("final" in r.name for r in runs), runs
    test1 = next(r for r in runs if "test1-batch_size" in r.name)
    assert len((test1 / "history.csv").read_text().splitlines()) == 1 + 60
    v = json.loads((p.root / "results/verdict.json").read_text())
    assert v["status"] == "resolved" and "verdict: resolved" in res.stdout


def test_a_linear_model_on_curved_data_is_judged_against_the_linear_reference(project):
    """A converged linear regression cannot follow y's curvature; boosted trees can. Its ceiling is the linear
    reference, so it is accepted, and the run records why: its outputs are linear in its inputs."""
    from conftest import LINEAR_GD

    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, size=(320, 2))
    frame = pd.DataFrame(x, columns=["x0", "x1"])
    frame["y"] = x[:, 0] + 3.0 * np.abs(x[:, 1]) - 3.0 + 0.05 * rng.normal(size=len(x))
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 60\n", data=frame)
    res = cli("train", str(p.root / "spec.toml"), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    refs = json.loads((p.root / "results/data_report.json").read_text())["references"]
    assert refs["boosting"] * 1.5 < refs["linear"]  # without the linearity check this run would be "underfitting"
    diag = json.loads(next((p.root / "results/runs").glob("*/diagnostics.json")).read_text())
    assert diag["linear_r2"] > 0.999


def test_the_linearity_of_a_network_is_not_claimed():
    from model_trainer.kinds.common import linearity

    class Curved:
        def predict(self, x):
            return np.tanh(3 * np.asarray(x)[:, 0]) + np.asarray(x)[:, 1] ** 2

    class Flat:
        def predict(self, x):
            return np.zeros(len(x))

    x = np.random.default_rng(0).normal(size=(100, 2))
    assert linearity(Curved(), x) < 0.9
    assert linearity(Flat(), x) is None  # a constant output makes no claim


SIGMOID_HEAD = """
import numpy as np
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(n, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, x):
        return torch.sigmoid(self.fc(x))


class Model:
    def __init__(self, net):
        self.net = net

    def predict(self, frame):
        with torch.no_grad():
            return self.net(torch.tensor(frame.to_numpy(), dtype=torch.float32)).numpy().ravel()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
    xv = torch.tensor(data_val.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    yv = torch.tensor(data_val["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
    net = Net(x.shape[1])
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = ((net(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        with torch.no_grad():
            vl = float(((net(xv) - yv) ** 2).mean())
        monitor.log_epoch(train_loss=float(loss), val_loss=vl, metric=vl ** 0.5, lr=config["lr"])
    return Model(net)
"""


def test_a_bounded_output_layer_is_found_in_the_code_and_not_claimed_as_repaired(project):
    """A sigmoid on a regression head: the predictions cover little of the target's range (measured from the
    returned model, since this loop logs no prediction range), the line is named, and no knob is said to fix it."""
    p = project(SIGMOID_HEAD, config="lr = 0.01\nepochs = 40\n", budget="max_attempts = 3\n")
    res = cli("train", str(p.root / "spec.toml"), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "code change needed: code/model.py:13" in res.stdout  # the `return torch.sigmoid(...)` line
    entry = json.loads((p.root / "dev_diary.json").read_text())[0]
    results = " ".join(t["result"] for t in entry["tests"])
    assert "of the returned model" in results and "passes through `sigmoid`" in results
    # the cause is tested without touching the code: the target mapped into (0, 1), predictions mapped back. That
    # run fits, which confirms the cause; it is a test, not a repair, so nothing is accepted from it
    test = next(t for t in entry["tests"] if t["action"].startswith("map the target into the output's range 0..1"))
    assert test["passed"] is True and "not a repair" in test["result"]
    assert (entry["status"], entry["root_cause"], entry["fix"]) == ("unresolved", "output_range_mismatch", None)
    assert {h["cause"]: h["status"] for h in entry["hypotheses"]}["output_range_mismatch"] == "confirmed"
    assert "cause output_range_mismatch (confirmed)" in res.stdout
    accepted = p.root / "results/accepted.json"
    assert not accepted.exists() or test["run_id"] not in accepted.read_text()


def test_a_network_is_never_held_to_the_linear_reference_even_when_it_behaves_linearly():
    import torch
    from sklearn.linear_model import Ridge
    from sklearn.neural_network import MLPRegressor

    from model_trainer.kinds.common import has_hidden_layers

    x = np.random.default_rng(0).normal(size=(40, 3))
    y = x @ np.array([1.0, -1.0, 0.5])

    class Wrapped:
        def __init__(self, net):
            self.net = net

    assert not has_hidden_layers(torch.nn.Linear(3, 1), 3)
    assert has_hidden_layers(torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1)), 3)
    assert has_hidden_layers(Wrapped(torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Linear(8, 1))), 3)
    assert not has_hidden_layers(Ridge().fit(x, y), 3)
    assert has_hidden_layers(MLPRegressor(hidden_layer_sizes=(4,), max_iter=5).fit(x, y), 3)


def test_a_classifier_that_returns_labels_only_is_linear_when_a_hyperplane_separates_them():
    import numpy as np

    from model_trainer.kinds.common import linearity

    rng = np.random.default_rng(0)
    x = rng.normal(size=(150, 4))

    class Labels:
        def __init__(self, rule):
            self.rule = rule

        def predict(self, frame):
            return self.rule(np.asarray(frame)).astype(int)

    assert linearity(Labels(lambda a: a @ np.array([1.0, -2.0, 0.5, 0.0]) > 0.3), x, labels=True) == 1.0
    assert linearity(Labels(lambda a: (a[:, 0] ** 2 + a[:, 1] ** 2) > 1.0), x, labels=True) is None  # a circle
    # too few rows per dimension are separable by chance: no claim
    assert linearity(Labels(lambda a: (a[:, 0] ** 2 + a[:, 1] ** 2) > 1.0), x[:30], labels=True) is None


def test_the_scheduler_hook_steps_a_per_batch_schedule_once_per_logged_epoch():
    """The diagnostic's hook: a StepLR stepped per batch decays per epoch, as one stepped per epoch does."""
    import subprocess
    import sys

    code = """
import torch
from model_trainer.engine.monitor import Monitor
from model_trainer.kinds.function import _step_schedulers_per_epoch

def lrs(per_batch, monitor):
    # the learning rate each batch trains with
    net = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    used = []
    for epoch in range(4):
        for batch in range(5):
            used.append(opt.param_groups[0]["lr"])
            opt.zero_grad()
            net(torch.ones(1, 2)).sum().backward()
            opt.step()
            if per_batch:
                sched.step()
        if not per_batch:
            sched.step()
        monitor.log_epoch(train_loss=1.0)
    return used

m = Monitor(lambda e: None)
right = lrs(False, m)
assert right[::5] == [0.1, 0.05, 0.025, 0.0125]
assert lrs(True, Monitor(lambda e: None))[-1] < 1e-4  # the bug: a halving per batch
_step_schedulers_per_epoch(m)
assert lrs(True, m) == right  # the misplaced call, stepped once per epoch by the hook
assert lrs(False, m) == right  # a schedule stepped per epoch is unchanged
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr


def test_without_a_monitor_the_scheduler_hook_steps_at_the_end_of_each_training_pass():
    """2- and 3-argument code: an epoch ends at a switch to evaluation mode, or where a DataLoader runs out."""
    import subprocess
    import sys

    code = """
import torch
from torch.utils.data import DataLoader, TensorDataset
from model_trainer.engine.monitor import Monitor
from model_trainer.kinds.function import _step_schedulers_per_epoch

def lrs(per_batch, boundary):
    net = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    loader = DataLoader(TensorDataset(torch.ones(10, 2)), batch_size=2)
    used = []
    for epoch in range(4):
        net.train()
        batches = loader if boundary == "loader" else [None] * 5
        for _ in batches:
            used.append(opt.param_groups[0]["lr"])
            opt.zero_grad()
            net(torch.ones(1, 2)).sum().backward()
            opt.step()
            if per_batch:
                sched.step()
        if not per_batch:
            sched.step()
        if boundary == "eval":
            net.eval()
    return used

right = [0.1] * 5 + [0.05] * 5 + [0.025] * 5 + [0.0125] * 5
assert lrs(False, "eval") == right
assert lrs(True, "eval")[-1] < 1e-4
_step_schedulers_per_epoch(Monitor(lambda e: None), logs_epochs=False)
assert lrs(True, "eval") == right     # released when the module switches to evaluation mode
assert lrs(True, "loader") == right   # released when the DataLoader's batches run out
assert lrs(False, "eval") == right    # a schedule stepped per epoch is unchanged
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr


def test_loop_code_finds_a_softmax_layer_before_a_cross_entropy_and_the_hook_passes_the_scores():
    import subprocess
    import sys

    src = (
        "import torch\nfrom torch import nn\n\n"
        "def train_model(tr, va, config, monitor):\n"
        "    net = nn.Sequential(nn.Linear(4, 3),\n"
        "                        nn.Softmax(dim=1))\n"
        "    loss_fn = nn.CrossEntropyLoss()\n"
    )
    found = [f for f in loop_findings(src, "code/m.py") if f["bug"] == "softmax_before_cross_entropy"]
    assert [(f["line"], f["cause"], f["module"]) for f in found] == [(6, "loss_mismatch", True)]
    # the loss takes log-probabilities (NLL) or a softmax only reports probabilities: nothing to find
    assert not [f for f in loop_findings(src.replace("CrossEntropyLoss", "NLLLoss"), "m.py") if f["cause"] ==
                "loss_mismatch"]
    reporting = ("import torch\n\ndef train_model(tr, va, config, monitor):\n"
                 "    loss = torch.nn.functional.cross_entropy(out, y)\n    p = torch.softmax(out, 1)\n")
    assert not [f for f in loop_findings(reporting, "m.py") if f["cause"] == "loss_mismatch"]
    code = """
import torch
from model_trainer.kinds.function import _softmax_layers_pass_scores
net = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Softmax(dim=1))
x = torch.randn(5, 4)
probs = net(x)
_softmax_layers_pass_scores()
scores = net(x)
assert torch.allclose(scores, net[0](x)) and torch.equal(scores.argmax(1), probs.argmax(1))
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr


def test_loop_code_finds_a_preprocessor_fitted_on_one_split_only():
    src = (
        "def train_model(tr, va, config, monitor):\n"
        "    scaler = StandardScaler()\n"
        "    x = scaler.fit_transform(tr[cols])\n"
        "    xv = va[cols].to_numpy()\n"
    )
    found = loop_findings(src, "code/model.py")
    assert [(f["line"], f["cause"]) for f in found] == [(3, "train_val_mismatch")]
    assert "scaler.transform" in found[0]["fix"]
    both = src.replace("    xv = va[cols].to_numpy()\n", "    xv = scaler.transform(va[cols])\n")
    assert loop_findings(both, "code/model.py") == []


def test_keras_code_gets_its_own_spelling_of_the_identity_output():
    from model_trainer.detect.base import Facts, Finding
    from model_trainer.probes.data_report import data_report
    from model_trainer.repairs import Context
    from model_trainer.repairs.output_activation import OutputActivation

    frame = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "y": [-2.0, 0.5, 1.0, 3.0]})
    rep = data_report(frame, frame, ["x"], "y")
    facts = Facts(data=rep)

    def ctx(imports: list[str]) -> Context:
        return Context({"output_activation": "relu"}, {}, Finding("underfitting", None, ""), facts,
                       {"output_activation"}, measurements={"imports": imports})
    assert OutputActivation().propose(ctx(["keras", "numpy"])).config_after["output_activation"] == "linear"
    assert OutputActivation().propose(ctx(["torch"])).config_after["output_activation"] == "none"


CLASSIFIER_MODULE = """
import torch
from torch import nn


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train[["x0", "x1"]].to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.long)
    net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        monitor.log_epoch(train_loss=float(loss))
    return net
"""


def test_a_classifier_returned_as_a_bare_module_answers_class_labels(project):
    """A function-mode network with one output per class and no predict(): the tool scores it, and its bundle
    predicts, by the class with the largest output, never by the first output read as a number."""
    from model_trainer import load_model

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 2))
    frame = pd.DataFrame(x, columns=["x0", "x1"])
    frame["y"] = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)
    p = project(CLASSIFIER_MODULE, config="lr = 0.05\nepochs = 60\n", data=frame)
    p.spec.write_text(p.spec.read_text().replace('metric = "rmse"', 'metric = "accuracy"'))
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    model = load_model(p.root / "results/model_final.pkl", allow_pickle=True)
    val = pd.read_csv(p.root / "data/val.csv")
    pred = np.asarray(model.predict(val))
    assert set(np.unique(pred)) <= {0, 1, 2} and np.mean(pred == val["y"].to_numpy()) > 0.9
    v = json.loads((p.root / "results/verdict.json").read_text())
    assert v["metric"] > 0.9


NLL_ON_SCORES = """
import torch
import torch.nn.functional as F
from torch import nn


class Model:
    def __init__(self, net):
        self.net = net

    def predict(self, frame):
        with torch.no_grad():
            return self.net(torch.tensor(frame.to_numpy(), dtype=torch.float32)).argmax(1).numpy()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.long)
    xv = torch.tensor(data_val.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    yv = torch.tensor(data_val["y"].to_numpy(), dtype=torch.long)
    net = nn.Sequential(nn.Linear(x.shape[1], 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = F.nll_loss(net(x), y)
        loss.backward()
        opt.step()
        with torch.no_grad():
            out = net(xv)
            acc = float((out.argmax(1) == yv).float().mean())
        monitor.log_epoch(train_loss=float(loss), val_loss=float(F.nll_loss(out, yv)), metric=acc, grad_norm=net)
    return Model(net)
"""


def test_a_classifier_whose_nll_loss_reads_scores_is_diagnosed_by_the_hook(project):
    import json

    from conftest import cli

    assert [f["line"] for f in nll_calls(NLL_ON_SCORES, "m.py")] == [26]
    rng = np.random.default_rng(2)
    x = rng.normal(size=(600, 4))
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d"])
    frame["y"] = np.digitize(x[:, 0] + 0.5 * x[:, 1], [-0.5, 0.5])
    p = project(NLL_ON_SCORES, config="lr = 0.05\nepochs = 150\n", data=frame)
    p.spec.write_text(p.spec.read_text().replace('metric = "rmse"', 'metric = "accuracy"'))
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    e = json.loads((p.root / "ws/dev_diary.json").read_text())[-1]
    # the loss ran below zero; the hook that hands nll_loss log-probabilities trained the same network well
    assert e["root_cause"] == "loss_mismatch" and e["status"] == "unresolved"
    assert any("never below zero" in t["result"] for t in e["tests"])
    hook = next(t for t in e["tests"] if t["kind"] == "intervention")
    assert "log_softmax" in hook["action"] and hook["passed"] is True
    assert any(":26:" in s and "cross_entropy" in s for s in e["next_steps"])


def test_the_nll_hook_leaves_log_probabilities_alone_and_scores_scores_as_a_cross_entropy():
    import subprocess
    import sys

    code = """
import torch
import torch.nn.functional as F
from model_trainer.kinds.function import _nll_takes_log_probabilities
scores, y = torch.randn(6, 3) * 4, torch.tensor([0, 1, 2, 0, 1, 2])
logp = F.log_softmax(scores, 1)
before = F.nll_loss(logp, y)
_nll_takes_log_probabilities()
assert torch.allclose(F.nll_loss(logp, y), before)                    # log-probabilities: unchanged
assert torch.allclose(F.nll_loss(scores, y), F.cross_entropy(scores, y))
assert torch.allclose(torch.nn.NLLLoss()(scores, y), F.cross_entropy(scores, y))
assert torch.allclose(F.nll_loss(scores[0], y[0]), F.cross_entropy(scores[0], y[0]))   # one sample's scores
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr


HAND_PREPARED = """
import numpy as np
import torch
from torch import nn


def features(frame):
    FEATURES


class Model:
    def __init__(self, net, mu, sd):
        self.net, self.mu, self.sd = net, mu, sd

    def predict(self, frame):
        with torch.no_grad():
            z = (features(frame) - self.mu) / self.sd
            return self.net(torch.tensor(z, dtype=torch.float32)).squeeze(1).numpy()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    f = features(data_train)
    mu, sd = f.mean(axis=0), f.std(axis=0)
    x = torch.tensor((f - mu) / sd, dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32)
    net = nn.Sequential(nn.Linear(f.shape[1], 8), nn.ReLU(), nn.Linear(8, 1))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = ((net(x).squeeze(1) - y) ** 2).mean()
        loss.backward()
        opt.step()
        monitor.log_epoch(train_loss=float(loss), val_loss=float(loss))
    return Model(net, mu, sd)
"""
# a ratio of a column that is often zero, made by the code (line 9), and a hand standardisation of every column
RATIO_OF_A_ZERO_COLUMN = HAND_PREPARED.replace("FEATURES", 'x = frame[["a", "b"]].to_numpy(dtype=float)\n'
                                               "    return np.column_stack([x, x[:, 0] / x[:, 1]])")
STANDARDISED_BY_HAND = HAND_PREPARED.replace("FEATURES", 'return frame.drop(columns=["y"], errors="ignore")'
                                             ".to_numpy(dtype=float)")


def test_a_nan_the_code_makes_from_finite_files_is_named_at_the_line_numpy_warned(project):
    import json

    from conftest import cli

    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"a": rng.uniform(1, 5, 200), "b": rng.integers(0, 3, 200).astype(float)})
    frame["y"] = 2 * frame["a"] + frame["b"] + rng.normal(0, 0.1, 200)
    p = project(RATIO_OF_A_ZERO_COLUMN, config="lr = 0.01\nepochs = 20\n", data=frame)
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    e = json.loads((p.root / "ws/dev_diary.json").read_text())[-1]
    assert e["symptom"] == "nan_loss" and e["root_cause"] == "unknown"
    assert {h["cause"]: h["status"] for h in e["hypotheses"]}.get("code_error") == "open"
    # the first line of the user's that numpy warned at is the division, not the scaling that turned inf into NaN
    assert any(s.startswith("Change the code at code/model.py:9:") and "no missing or infinite value" in s
               for s in e["next_steps"])


def test_a_nan_from_a_constant_column_is_the_datas_not_the_codes(project):
    import json

    from conftest import cli

    rng = np.random.default_rng(5)
    frame = pd.DataFrame({"a": rng.uniform(1, 5, 200), "c": np.ones(200)})
    frame["y"] = 2 * frame["a"] + rng.normal(0, 0.1, 200)
    p = project(STANDARDISED_BY_HAND, config="lr = 0.05\nepochs = 150\n", data=frame)
    cli("train", str(p.spec), "--out", str(p.root / "ws"))
    e = json.loads((p.root / "ws/dev_diary.json").read_text())[-1]
    # numpy warns at the code's own division by the column's zero spread; the column, which the tool can drop, is
    # the cause, and the line is not named as a defect of the code
    assert e["symptom"] == "nan_loss" and e["root_cause"] == "invalid_data"
    assert not any(s.startswith("Change the code") for s in e["next_steps"])


TORCH_LOOP = """
import numpy as np
import torch


def train_model(tr, va, config, monitor):
    torch.manual_seed(0)
    cols = ["x0", "x1", "x2"]
    x, y = torch.tensor(tr[cols].values, dtype=torch.float32), torch.tensor(tr["y"].values, dtype=torch.float32)
    xv, yv = torch.tensor(va[cols].values, dtype=torch.float32), va["y"].values
    body = torch.nn.Sequential(torch.nn.Linear(3, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16))
    head = torch.nn.Linear(16, 1)
    model = torch.nn.Sequential(body, head)
    opt = torch.optim.Adam(PARAMS, lr=config["lr"])
    for epoch in range(config["epochs"]):
        total = 0.0
        for i in range(0, len(x), 32):
            opt.zero_grad()
            loss = ((y[i:i + 32] - OUTPUT) ** 2).mean()
            loss.backward()
            opt.step()
            total += float(loss)
        with torch.no_grad():
            pred = model(xv).squeeze(-1).numpy()
        rmse = float(np.sqrt(np.mean((pred - yv) ** 2)))
        monitor.log_epoch(train_loss=total / max(len(x) // 32, 1), val_loss=rmse ** 2, metric=rmse)
        if monitor.should_stop:
            break
    return model
"""


@pytest.mark.slow
def test_a_hand_written_loss_that_broadcasts_the_output_is_found_and_its_alignment_confirms_it(project):
    code = TORCH_LOOP.replace("PARAMS", "model.parameters()").replace("OUTPUT", "model(x[i:i + 32])")
    p = project(code, config="lr = 0.03\nepochs = 60\n", budget="max_attempts = 3\n")
    res = cli("train", str(p.spec), "--quiet")
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    watched = next(t for t in e["tests"] if t["action"].startswith("Watched the code's arithmetic"))
    assert "code/model.py:19" in watched["result"] and "(32, 1)" in watched["result"], watched
    test = next(t for t in e["tests"] if t["action"].startswith("give the loss the network's output"))
    assert test["passed"] is True and "not a repair" in test["result"]
    assert res.returncode == 1 and e["root_cause"] == "loss_mismatch"
    assert "code change needed: code/model.py:19" in res.stdout


def test_weights_the_loss_reaches_that_no_optimiser_holds_are_found():
    import torch

    from model_trainer.kinds.function import _GradientReach

    torch.manual_seed(0)
    body, head = torch.nn.Linear(3, 8), torch.nn.Linear(8, 1)
    model = torch.nn.Sequential(body, torch.nn.Tanh(), head)
    reach = _GradientReach.start()
    opt = torch.optim.SGD(body.parameters(), lr=0.01)  # the head left out
    x, y = torch.randn(64, 3), torch.randn(64)
    for _ in range(5):
        opt.zero_grad()
        ((model(x).squeeze(-1) - y) ** 2).mean().backward()
        opt.step()
    out = reach.report(model)
    assert out["not_stepped_params"] == ["2.weight", "2.bias"] and out["not_stepped_count"] == 2, out
    assert "no_grad_params" not in out
    assert torch.Tensor.backward is reach._backward  # the probe put torch back as it found it


def test_the_loss_units_are_read_from_the_validation_loss():
    import types

    from model_trainer.investigate.measure import _loss_units

    rep = types.SimpleNamespace(target_std=8.0)
    assert _loss_units(462.0, 21.5, rep)[0] == "a squared error"
    assert _loss_units(21.0, 21.5, rep)[0] == "the error itself"
    assert _loss_units(462.0 / 64, 21.5, rep)[0] == "a squared error on the target's standard scale"
    assert _loss_units(-3.0, 21.5, rep) is None  # a likelihood: no unit to read


DECAY_FIT = """
import numpy as np
from scipy.optimize import minimize


class Decay:
    def __init__(self, theta):
        self.theta = theta

    def predict(self, frame):
        a, k = self.theta
        return a * np.exp(-k * frame["x0"].to_numpy())


def train_model(tr, va, config):
    x, y = tr["x0"].to_numpy(), tr["y"].to_numpy()
    history = {"train_loss": []}

    def loss(t):
        return float(np.mean((t[0] * np.exp(-t[1] * x) - y) ** 2))

    res = minimize(loss, [1.0, 0.1], method="L-BFGS-B", bounds=[(0.0, 100.0), (0.01, UPPER)],
                   callback=lambda t: history["train_loss"].append(loss(t)))
    return Decay(res.x), history
"""


def _decay(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 3.0, n)
    return pd.DataFrame({"x0": x, "y": 10.0 * np.exp(-1.5 * x) + rng.normal(0.0, 0.2, n)})


def test_a_scipy_fit_in_the_code_that_ends_on_its_bound_is_a_surprising_optimum(project):
    p = project(DECAY_FIT.replace("UPPER", "0.3"), config="seed = 0\n", data=_decay())
    res = cli("train", str(p.spec), "--quiet")
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    assert res.returncode == 1 and e["symptom"] == "surprising_optimum", res.stdout
    assert "`x[1]` (of 2 parameters) = 0.3 is at its upper bound" in e["what_happened"]
    assert "code change needed: code/model.py:22" in res.stdout
    q = project(DECAY_FIT.replace("UPPER", "5.0"), config="seed = 0\n", data=_decay())
    ok = cli("train", str(q.spec), "--quiet")
    assert ok.returncode == 0 and "accepted · no red flag" in ok.stdout, ok.stdout


def test_a_scheduler_stepped_per_batch_is_a_suspect_only_where_the_logged_rate_says_so():
    from types import SimpleNamespace

    from model_trainer.events import EpochLogged
    from model_trainer.investigate.measure import _schedule_as_configured

    def inv(lrs: list[float | None]) -> SimpleNamespace:
        history = [EpochLogged(i + 1, {"train_loss": 1.0} | ({"lr": v} if v is not None else {}), 0.1)
                   for i, v in enumerate(lrs)]
        return SimpleNamespace(failing=SimpleNamespace(config={"lr": 0.05}, history=history))

    assert _schedule_as_configured(inv([0.0167, 0.0333, 0.05]))  # a warm-up in batches reaching the configured rate
    assert not _schedule_as_configured(inv([0.05, 1e-5, 1e-9, 1e-12]))  # a schedule in epochs run per batch
    assert not _schedule_as_configured(inv([1e-4, 2e-4, 3e-4, 4e-4]))  # never reaches it
    assert not _schedule_as_configured(inv([None, None, None]))  # nothing logged: the code reader decides


IMPUTING_PIPELINE = """
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline


def build_estimator(config):
    return make_pipeline(SimpleImputer(strategy="median"), Ridge(alpha=float(config["alpha"])))
"""


def test_a_pipeline_that_imputes_missing_values_runs_untouched(project):
    """Missing values in both files, filled by the user's own imputer: the tool's look at the returned model must not
    fail the run (a least-squares fit on rows with NaN once raised), and values the code handles are no red flag."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(400, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["y"] = 2.0 * x[:, 0] - x[:, 1] + 0.5 * x[:, 2] + 0.1 * rng.normal(size=len(x))
    frame.loc[rng.random(len(frame)) < 0.15, "b"] = np.nan
    p = project(IMPUTING_PIPELINE, kind="sklearn", entry="code/model.py:build_estimator", config="alpha = 0.1\n",
                data=frame)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    v = json.loads((p.root / "results/verdict.json").read_text())
    assert v["status"] == "accepted"
    assert not (p.root / "dev_diary.json").exists() or json.loads((p.root / "dev_diary.json").read_text()) == []
    log = (p.root / "training_full.log").read_text()
    assert "non-finite values (NaN/inf) in `b`" in log and "raised" not in log


def test_linearity_reads_the_complete_rows_and_never_raises():
    from model_trainer.kinds.common import linearity

    class Imputing:
        def predict(self, x):
            a = np.nan_to_num(np.asarray(x, dtype=float))
            return a @ np.array([1.0, -2.0, 0.5])

    x = np.random.default_rng(1).normal(size=(200, 3))
    x[::7, 1] = np.nan
    assert linearity(Imputing(), x) == pytest.approx(1.0)
    x[:, :] = np.nan  # no complete row: no claim
    assert linearity(Imputing(), x) is None


def test_lag_columns_reversed_in_one_file_are_a_relation_shift():
    """Ten lags of an autocorrelated series, in reverse order under the same header in validation: the marginal
    distributions match, and the correlations with the target run the other way (lag 10 r = 0.73 in training, about
    0.9 in validation), a difference of about 0.16 far beyond sampling noise."""
    from model_trainer.probes.shift import relation_shifts

    rng = np.random.default_rng(0)

    def series(n: int) -> np.ndarray:
        x = np.zeros(n + 11)
        for t in range(1, len(x)):
            x[t] = 0.97 * x[t - 1] + rng.normal()
        return x

    def frame(x: np.ndarray, reverse: bool) -> pd.DataFrame:
        n = len(x) - 11
        lags = {f"lag{k}": x[11 - k:11 - k + n] for k in range(1, 11)}
        if reverse:
            lags = dict(zip(lags, reversed(list(lags.values())), strict=True))
        return pd.DataFrame({**lags, "y": x[11:11 + n]})

    train, val = frame(series(1460), False), frame(series(365), True)
    found = {d["column"]: d for d in relation_shifts(train, val, [f"lag{k}" for k in range(1, 11)], "y")}
    assert "lag10" in found and "lag1" in found
    assert all(abs(d["train_r"] - d["val_r"]) < 0.3 for d in found.values())  # under the line read before
