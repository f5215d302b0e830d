"""A crash whose message is a known one: the cause it points at is a hypothesis, never an established cause."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from conftest import cli

# nn.BCELoss on the raw output of a linear layer: torch refuses values outside [0, 1] on the first batch
BCE_ON_SCORES = """
import torch
from torch import nn

class Model:
    def __init__(self, net):
        self.net = net
    def predict(self, frame):
        with torch.no_grad():
            return (self.net(torch.tensor(frame.to_numpy(), dtype=torch.float32)).squeeze(1) > 0).long().numpy()

def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32)
    net = nn.Linear(x.shape[1], 1)
    opt = torch.optim.SGD(net.parameters(), lr=config["lr"])
    loss_fn = nn.BCELoss()
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = loss_fn(net(x).squeeze(1) * 10, y)
        loss.backward()
        opt.step()
        monitor.log_epoch(train_loss=float(loss), val_loss=float(loss), lr=config["lr"])
    return Model(net)
"""


def _labels() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 3))
    frame = pd.DataFrame(x, columns=["x0", "x1", "x2"])
    frame["y"] = (x[:, 0] - x[:, 1] > 0).astype(int)
    return frame


def test_a_known_message_leaves_its_cause_open_and_not_stated(project):
    p = project(BCE_ON_SCORES, config="lr = 0.1\nepochs = 5\n", data=_labels())
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["symptom"] == "training_error" and verdict["cause"] in (None, "unknown")
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[-1]
    assert entry["root_cause"] == "unknown"
    assert {h["cause"]: h["status"] for h in entry["hypotheses"]} == {"loss_mismatch": "open"}
    assert entry["why"]["root_cause"].startswith("Not established")
    assert any("BCEWithLogitsLoss" in s for s in entry["next_steps"])
    gates = cli("gates", str(p.root / "ws")).stdout
    assert "PASS consistency" in gates and "PASS traceability" in gates, gates
