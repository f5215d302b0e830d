"""The neural-net story of the seed: SGD diverges, a learning-rate cut does not help, the gradient
check finds hub routes dominating, clipping converges.

The data are generated here, deterministically: daily new infections in 15 cities explained by
the case pressure arriving over 40 routes from hub cities (inputs on a unit scale that move together
with the national wave) and 20 routes from periphery cities (independent inputs on the same scale).
The model sums the hub routes into one import pressure, as an epidemiologist would: a hub's
parameters then see the gradient of 40 routes at once. No input column is out of scale, so the
instability comes from the model's structure, and standardising the inputs cannot remove it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

N_HUB, N_PERIPHERY = 40, 20

MODEL = '''
"""Case forecaster: one sub-network for the import pressure from hub cities (the sum of the hub routes),
one for the periphery routes, added."""
import torch
from torch import nn

N_HUB = 40


def _branch(n_in: int, hidden: int) -> nn.Module:
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 1))


class Forecaster(nn.Module):
    def __init__(self, n_features: int, hidden: int):
        super().__init__()
        self.hub = _branch(1, hidden)
        self.periphery = _branch(n_features - N_HUB, hidden)

    def forward(self, x):
        pressure = x[:, :N_HUB].sum(dim=1, keepdim=True)
        return self.hub(pressure) + self.periphery(x[:, N_HUB:])


def build_model(config, n_features):
    return Forecaster(n_features, int(config["hidden_units"]))
'''

SPEC = '''
[model]
entrypoint = "code/forecaster.py:build_model"
kind = "torch"
metric = "rmse"

[data]
train = "data/train.csv"
val = "data/val.csv"
target = "cases_next_day"

[config]
lr = 0.1
optimizer = "sgd"
epochs = 30
batch_size = 64
hidden_units = 32
clip_grad_norm = 0.0
seed = 0

[budget]
max_attempts = 6
time_limit = "10m"

[domain]
target_units = "cases/day"
description = "daily new infections in 15 cities"
groups = { hub = "routes from hub cities", periphery = "routes from periphery cities" }
'''


def make_data(seed: int = 7, rows: int = 3000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    wave = rng.normal(size=(rows, 1))
    hub = 0.95 * wave + np.sqrt(1 - 0.95**2) * rng.normal(size=(rows, N_HUB))
    periphery = rng.normal(size=(rows, N_PERIPHERY))
    cases = 40 + 12 * hub.mean(axis=1) + 3 * np.tanh(periphery[:, :5]).sum(axis=1) + 2 * rng.normal(size=rows)
    frame = pd.DataFrame(np.hstack([hub, periphery]),
                         columns=[f"hub_route_{i + 1}" for i in range(N_HUB)]
                         + [f"periphery_route_{i + 1}" for i in range(N_PERIPHERY)])
    frame["cases_next_day"] = cases
    return frame.round(4)


def write_workspace(root: Path) -> Path:
    (root / "code").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    frame = make_data()
    cut = int(len(frame) * 0.8)
    frame.iloc[:cut].to_csv(root / "data/train.csv", index=False)
    frame.iloc[cut:].to_csv(root / "data/val.csv", index=False)
    (root / "code/forecaster.py").write_text(textwrap.dedent(MODEL).lstrip())
    spec = root / "spec.toml"
    spec.write_text(textwrap.dedent(SPEC).lstrip())
    return spec
