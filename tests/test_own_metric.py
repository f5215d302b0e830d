"""A model is judged on its own predictions on the validation file, not only on the score its code reports."""

from __future__ import annotations

import json

from conftest import LINEAR_GD, cli

# the code trains and scores on the target divided by 10 (another unit), so its own metric looks excellent while the
# model it returns predicts a tenth of the file's target
TENTH = LINEAR_GD.replace('frame["y"].to_numpy()', 'frame["y"].to_numpy() / 10.0')


def test_a_metric_the_code_computes_on_other_targets_is_caught_and_no_knob_is_tried(project):
    p = project(TENTH, config="lr = 0.1\nepochs = 60\n")
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["symptom"] == "underfitting" and verdict["cause"] in (None, "unknown")
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    tests = entry["tests"]
    scored = [t for t in tests if t["action"].startswith("Scored the returned model's predictions")]
    assert scored and "reported by the code" in scored[0]["result"]
    assert not [t for t in tests if t["kind"] == "intervention"]  # no knob reaches the code's own targets
    hyp = {h["cause"]: h["status"] for h in entry["hypotheses"]}
    assert hyp.get("label_corruption") == "open"


def test_a_healthy_function_model_records_its_own_score_and_is_accepted(project):
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 60\n")
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    log = (p.root / "ws/training_full.log").read_text()
    assert "metric_own=" in log


# a network that fits its training targets well; the first variant casts the training target to int32 first
MLP_CAST = """
import torch
from torch import nn

def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy().astype("int32"), dtype=torch.float32).unsqueeze(1)
    xv = torch.tensor(data_val.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    yv = torch.tensor(data_val["y"].to_numpy(), dtype=torch.float32).unsqueeze(1)
    net = nn.Sequential(nn.Linear(3, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 32):
            idx = perm[i:i + 32]
            opt.zero_grad()
            nn.functional.mse_loss(net(x[idx]), y[idx]).backward()
            opt.step()
        with torch.no_grad():
            tl = nn.functional.mse_loss(net(x), y).item()
            vl = nn.functional.mse_loss(net(xv), yv).item()
        monitor.log_epoch(train_loss=tl, val_loss=vl, metric=vl ** 0.5)
        if monitor.should_stop:
            break
    return net
"""


def _curved_data(n: int = 400, noise: float = 0.05):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, (n, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["y"] = 1.5 + np.sin(x[:, 0]) + 0.25 * x[:, 1] ** 2 + 0.3 * x[:, 2] + rng.normal(0, noise, n)
    return frame


def test_a_network_that_fitted_other_labels_than_the_files_is_told_by_its_training_rows(project):
    # the code's training loss ends 5x below its validation loss, yet on the file's own training rows the model is
    # as far off as on validation: it fitted the truncated targets, not the file's
    p = project(MLP_CAST, config="lr = 0.003\nepochs = 60\n", data=_curved_data(), budget="max_attempts = 1\n")
    cli("train", str(p.spec), "--out", str(p.root / "ws"))
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    scored = [t for t in entry["tests"] if t["action"].startswith("Scored the returned model on the training")]
    assert scored and "not the training file's" in scored[0]["result"], [t["action"] for t in entry["tests"]]
    ranked = [h["cause"] for h in entry["hypotheses"] if h["status"] == "open"]
    assert ranked[0] == "label_corruption", entry["hypotheses"]


def test_a_network_that_memorised_the_files_own_labels_is_not_told_it_fitted_others(project):
    # fifty noisy rows and a wide network: the training loss ends far below the validation loss, and so does the
    # model's error on the file's training rows (it memorised them): overfitting, not other labels
    data = _curved_data(100, noise=0.6)
    code = (MLP_CAST.replace('.astype("int32")', "").replace("64", "256")
            .replace("len(x), 32)", "len(x), 10)").replace("i + 32]", "i + 10]"))
    p = project(code, config="lr = 0.003\nepochs = 150\n", data=data,
                budget="max_attempts = 1\n")
    cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert "metric_own_train=" in (p.root / "ws/training_full.log").read_text()
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    assert entry["symptom"] == "overfitting"
    assert not [t for t in entry["tests"] if t["action"].startswith("Scored the returned model on the training")]


# the head is trained on a detached copy of the body's output: the body never gets a gradient
DETACHED = MLP_CAST.replace('.astype("int32")', "").replace(
    "    net = nn.Sequential(nn.Linear(3, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))\n",
    "    net = Net()\n").replace("def train_model", """class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(3, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, 1)

    def forward(self, x):
        return self.head(self.body(x).detach())

def train_model""")


def test_a_network_cut_off_from_its_loss_is_told_and_no_knob_is_tried(project):
    assert DETACHED != MLP_CAST
    p = project(DETACHED, config="lr = 0.003\nepochs = 30\n", data=_curved_data())
    cli("train", str(p.spec), "--out", str(p.root / "ws"))
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    reach = [t for t in entry["tests"] if t["action"].startswith("Checked which of the optimiser's parameters")]
    assert reach, [t["action"] for t in entry["tests"]]
    assert "`body.0.weight`" in reach[0]["result"] and "`head.weight`" not in reach[0]["result"]
    assert not [t for t in entry["tests"] if t["kind"] == "intervention"]
    assert next(h["cause"] for h in entry["hypotheses"] if h["status"] == "open") == "code_error"


def test_the_gradient_hook_leaves_frozen_parameters_out_and_names_none_on_a_whole_network():
    import torch
    from torch import nn

    from model_trainer.kinds.function import _GradientReach

    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1))
    net[0].bias.requires_grad_(False)  # frozen on purpose
    reach = _GradientReach(steps=5)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x, y = torch.randn(32, 3), torch.randn(32, 1)
    for _ in range(8):
        opt.zero_grad()
        nn.functional.mse_loss(net(x), y).backward()
        opt.step()
    assert reach.seen == 5  # it stopped watching after its steps
    assert reach.report(net) is None


# the network answers (n,) while the targets are (n, 1): torch warns, and the loss broadcasts them into a grid
FLAT_OUTPUT = MLP_CAST.replace('.astype("int32")', "").replace("nn.Linear(64, 1))", "nn.Linear(64, 1), nn.Flatten(0))")


def test_a_loss_that_broadcasts_output_against_targets_is_confirmed_and_its_line_named(project):
    assert FLAT_OUTPUT != MLP_CAST
    p = project(FLAT_OUTPUT, config="lr = 0.003\nepochs = 60\n", data=_curved_data())
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr  # a diagnostic's model is never accepted: the fix is the code's
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert (verdict["cause"], verdict["cause_status"]) == ("loss_mismatch", "confirmed")
    assert "code/model.py:" in verdict["line"]
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    hook = next(t for t in entry["tests"] if t["action"].startswith("give the loss the network's output"))
    assert hook["passed"] is True
