"""The built-in torch loop on tiny data: knobs honoured, measurements recorded, model usable."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli, linear_data
from model_trainer import load_model

BUILD = """
import torch
from torch import nn

def build_model(config, n_features):
    h = int(config.get("hidden_units", 16))
    act = {"relu": nn.ReLU, "tanh": nn.Tanh}[config.get("activation", "relu")]
    return nn.Sequential(nn.Linear(n_features, h), act(), nn.Linear(h, h), act(), nn.Linear(h, 1))
"""


def _torch_project(project, config: str, data=None):
    return project(BUILD, kind="torch", entry="code/model.py:build_model", config=config, data=data)


def test_torch_trainer_converges_and_measures(project):
    p = _torch_project(project, 'lr = 0.01\noptimizer = "adam"\nepochs = 15\nbatch_size = 32\nseed = 1\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stderr
    hist = pd.read_csv(p.root / "results/training_history.csv")
    assert len(hist) == 15
    assert hist["val_loss"].iloc[-1] < hist["val_loss"].iloc[0] / 3
    for col in ("grad_norm", "grad_norm.0", "grad_norm.2", "grad_norm.4", "dead_frac", "zero_grad_frac", "lr"):
        assert col in hist.columns and hist[col].notna().all(), col
    assert ((hist["dead_frac"] >= 0) & (hist["dead_frac"] <= 1)).all()
    val = pd.read_csv(p.root / "data/val.csv")
    pred = load_model(p.root / "results/model_final.pkl").predict(val)
    rmse = float(np.sqrt(np.mean((pred - val["y"].to_numpy()) ** 2)))
    assert rmse == pytest.approx(hist["metric"].iloc[-1], rel=1e-4)  # the metric is the model's, in target units


def test_a_network_that_answers_one_number_per_row_learns_in_the_built_in_loop(project):
    # forward() returns shape (n,), the loop holds the target as (n, 1): broadcast against each other the loss would
    # compare every output with every target, and the network would learn the mean
    flat = BUILD.replace("return nn.Sequential(", "return Flat(").replace("def build_model", """class Flat(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)

def build_model""")
    p = project(flat, kind="torch", entry="code/model.py:build_model",
                config='lr = 0.01\noptimizer = "adam"\nepochs = 15\nbatch_size = 32\nseed = 1\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    hist = pd.read_csv(p.root / "results/training_history.csv")
    y = pd.read_csv(p.root / "data/val.csv")["y"]
    assert hist["metric"].iloc[-1] < 0.3 * float(y.std(ddof=0))


def test_units_filled_with_one_constant_are_found_and_the_frameworks_initialisation_restores_them(project):
    # every weight and bias set to 0.01: the hidden units start equal, get equal gradients and stay equal, so each
    # layer is one unit wide and the network underfits. The returned model's layers show it; the loop's own
    # re-initialisation (init = "reset": what the code overrode) is the test, and it confirms the cause
    filled = BUILD.replace("    return nn.Sequential(", "    net = nn.Sequential(").rstrip() + """
    for p in net.parameters():
        nn.init.constant_(p, 0.01)
    return net
"""
    p = project(filled, kind="torch", entry="code/model.py:build_model", data=linear_data(n=600),
                config='lr = 0.01\noptimizer = "adam"\nepochs = 30\nbatch_size = 32\nseed = 1\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    e = json.loads((p.root / "dev_diary.json").read_text())[0]
    assert (e["root_cause"], e["status"]) == ("bad_initialization", "resolved")
    found = next(t for t in e["tests"] if t["action"].startswith("Compared the units of each layer"))
    assert "every unit holds the same weights and bias in `0` (16 units), `2` (16 units)" in found["result"]
    assert e["fix"]["config_after"]["init"] == "reset"


def test_same_seed_same_history(project, tmp_path):
    cfg = 'lr = 0.01\noptimizer = "sgd"\nmomentum = 0.9\nepochs = 4\nseed = 3\n'
    p = _torch_project(project, cfg)
    histories = []
    for name in ("a", "b"):
        # the first run of each command, accepted or not (4 epochs need not converge)
        cli("train", str(p.spec), "--out", str(tmp_path / name), "--quiet")
        first_run = sorted((tmp_path / name / "results/runs").iterdir())[0]
        histories.append(pd.read_csv(first_run / "history.csv"))
    assert len(histories[0]) == 4
    assert histories[0]["train_loss"].tolist() == histories[1]["train_loss"].tolist()


def test_early_stopping_restores_best_weights(project):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(80, 6)), columns=[f"x{i}" for i in range(6)])
    frame["y"] = rng.normal(size=80)  # pure noise: validation loss soon rises
    p = _torch_project(project, 'lr = 0.01\noptimizer = "adam"\nepochs = 200\nearly_stopping_patience = 5\n'
                       "hidden_units = 64\n", data=frame)
    assert cli("train", str(p.spec), "--quiet").returncode in (0, 1)
    run = sorted((p.root / "results/runs").iterdir())[0]
    hist = pd.read_csv(run / "history.csv")
    assert len(hist) < 200
    best_epoch = int(hist["val_loss"].idxmin()) + 1
    assert len(hist) == best_epoch + 5
    log = p.text("training_full.log")
    assert f"restored the weights of epoch {best_epoch}" in log


def test_clip_and_adamw_and_schedule_are_honoured(project):
    cfg = ('lr = 0.05\noptimizer = "adamw"\nweight_decay = 0.01\nclip_grad_norm = 0.5\nepochs = 6\n'
           'lr_schedule = "cosine"\n')
    p = _torch_project(project, cfg)
    assert cli("train", str(p.spec), "--quiet").returncode == 0
    hist = pd.read_csv(p.root / "results/training_history.csv")
    assert hist["lr"].iloc[0] == pytest.approx(0.05)
    assert hist["lr"].is_monotonic_decreasing and hist["lr"].iloc[-1] < 0.05
    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    assert manifest["config"]["clip_grad_norm"] == 0.5


def test_standardize_target_answers_in_target_units():
    from model_trainer.preprocess import fit_preprocess

    frame = linear_data()
    frame["y"] = frame["y"] * 1000 + 5000
    tr, va, pre = fit_preprocess(frame.iloc[:150], frame.iloc[150:], "y", ["x0", "x1", "x2"],
                                 {"standardize": True, "standardize_target": True})
    assert abs(tr["y"].mean()) < 1e-9 and abs(tr["x0"].std(ddof=0) - 1) < 1e-9
    back = pre.inverse_target(va["y"].to_numpy())
    assert back == pytest.approx(frame["y"].iloc[150:].to_numpy())


def test_a_bare_module_returned_under_a_target_repair_is_scored_in_the_targets_units(tmp_path):
    """Function mode, the code returns an ``nn.Module`` (no ``predict``): after ``standardize_target`` the code's own
    metric is on the standardized scale, and the tool's own (``metric_units``) is the model's forward pass mapped
    back to the target's units."""
    from model_trainer.engine.job import Job
    from model_trainer.engine.monitor import Monitor
    from model_trainer.events import Diagnostics
    from model_trainer.kinds import function

    frame = linear_data()
    frame["y"] = frame["y"] * 1000 + 5000
    frame.iloc[:180].to_csv(tmp_path / "train.csv", index=False)
    frame.iloc[180:].to_csv(tmp_path / "val.csv", index=False)
    (tmp_path / "m.py").write_text(
        "import torch\n\n"
        "def train_model(tr, va, config, monitor):\n"
        "    torch.manual_seed(0)\n"
        "    x = torch.tensor(tr[['x0', 'x1', 'x2']].to_numpy(), dtype=torch.float32)\n"
        "    y = torch.tensor(tr['y'].to_numpy(), dtype=torch.float32).reshape(-1, 1)\n"
        "    net = torch.nn.Linear(3, 1)\n"
        "    opt = torch.optim.Adam(net.parameters(), lr=0.05)\n"
        "    for epoch in range(150):\n"
        "        opt.zero_grad()\n"
        "        loss = torch.nn.functional.mse_loss(net(x), y)\n"
        "        loss.backward()\n"
        "        opt.step()\n"
        "        monitor.log_epoch(train_loss=loss.item(), metric=loss.item() ** 0.5)\n"
        "    return net\n")
    job = Job(run_id="r1", kind="function", entry_file=str(tmp_path / "m.py"), module_name=None,
              function="train_model", config={}, train_path=str(tmp_path / "train.csv"),
              val_path=str(tmp_path / "val.csv"), target="y", data_repairs={"standardize_target": True})
    events: list = []
    function.run(job, Monitor(events.append), events.append)
    units = next(e.data for e in events if isinstance(e, Diagnostics) and "metric_units" in e.data)
    assert 50 < units["metric_units"] < 300  # noise sd 100 in the target's units; standardized it would be ~0.05
