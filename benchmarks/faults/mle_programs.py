"""Base programs for ``kind = "mle"``: a Poisson regression, a logistic growth curve, a dose-response count.

Example:
    >>> p = mle_base("mle_growth", "growth_synthetic", seed=2)
    >>> p.kind, list(p.train.columns)
    ('mle', ['t', 'y'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .datasets import split
from .programs import Program

POISSON = '''
import numpy as np

PARAMS = [
    {"name": "b0", "init": 0.0},
    {"name": "b_x1", "init": 0.0},
    {"name": "b_x2", "init": 0.0},
]


def rate(theta, data):
    x1 = data["x1"].to_numpy(dtype=float)
    x2 = data["x2"].to_numpy(dtype=float)
    return np.exp(theta[0] + theta[1] * x1 + theta[2] * x2)


def predict(theta, data):
    return rate(theta, data)


def negative_log_likelihood(theta, data):
    lam = rate(theta, data)
    y = data["y"].to_numpy(dtype=float)
    return float(np.sum(lam - y * np.log(lam)))
'''

GROWTH = '''
import numpy as np

PARAMS = [
    {"name": "capacity", "init": 50.0, "lower": 1.0},
    {"name": "growth_rate", "init": 0.1, "lower": 0.001, "upper": 2.0},
    {"name": "midpoint", "init": 20.0},
]


def predict(theta, data):
    t = data["t"].to_numpy(dtype=float)
    return theta[0] / (1 + np.exp(-theta[1] * (t - theta[2])))


def negative_log_likelihood(theta, data):
    # Gaussian errors with a known standard deviation of 3 (the instrument's)
    resid = data["y"].to_numpy(dtype=float) - predict(theta, data)
    return float(0.5 * np.sum((resid / 3.0) ** 2))
'''

DOSE = '''
import numpy as np

PARAMS = [
    {"name": "background", "init": 1.0, "lower": 0.0},
    {"name": "rate_per_10k", "init": 1.0, "lower": 0.0},
]


def predict(theta, data):
    dose = data["dose"].to_numpy(dtype=float)
    return theta[0] + theta[1] * dose / 1e4


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-9)
    y = data["y"].to_numpy(dtype=float)
    return float(np.sum(lam - y * np.log(lam)))
'''


def _counts(dataset: str, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    if dataset == "counts_diabetes":
        from sklearn.datasets import load_diabetes

        d = load_diabetes()
        rows = rng.permutation(len(d.target))[:400]
        x1, x2 = d.data[rows, 2], d.data[rows, 3]  # bmi and blood pressure: real covariates, simulated counts
        x1, x2 = (x1 - x1.mean()) / x1.std(), (x2 - x2.mean()) / x2.std()
    else:
        x1, x2 = rng.normal(size=400), rng.normal(size=400)
    b0, b1, b2 = np.log(rng.uniform(3, 8)), rng.uniform(0.2, 0.5), -rng.uniform(0.1, 0.4)
    y = rng.poisson(np.exp(b0 + b1 * x1 + b2 * x2))
    return pd.DataFrame({"x1": np.round(x1, 6), "x2": np.round(x2, 6), "y": y})


def _growth(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = np.repeat(np.arange(0.0, 60.0), 4)
    k, r, m = rng.uniform(80, 120), rng.uniform(0.15, 0.3), rng.uniform(25, 35)
    y = k / (1 + np.exp(-r * (t - m))) + 3.0 * rng.normal(size=len(t))
    return pd.DataFrame({"t": t, "y": np.round(y, 4)}).sample(frac=1.0, random_state=seed).reset_index(drop=True)


def _dose(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dose = rng.uniform(0, 5e4, size=400).round(1)
    y = rng.poisson(rng.uniform(6, 12) + rng.uniform(1.5, 3.0) * 1e-4 * dose)
    return pd.DataFrame({"dose": dose, "y": y})


def mle_base(name: str, dataset: str, seed: int) -> Program:
    if name == "mle_poisson":
        frame, code = _counts(dataset, seed), POISSON
    elif name == "mle_growth":
        frame, code = _growth(seed), GROWTH
    elif name == "mle_dose":
        frame, code = _dose(seed), DOSE
    else:
        raise ValueError(f"MLE base must be mle_poisson, mle_growth or mle_dose, got {name!r}")
    train, val = split(frame)
    return Program(pid=f"s{seed:04d}-{name}-{dataset}", seed=seed, base=name, dataset=dataset, kind="mle",
                   task="regression", code=code.lstrip(), config={}, train=train, val=val, metric="rmse")
