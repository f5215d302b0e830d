"""Small MLE workspaces shared by the ``test_mle_*`` files: each a real model on tiny data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

# A * exp(b0 + b1 x): A and b0 enter only as A * exp(b0)
A_EXP = """
import numpy as np

PARAMS = [{"name": "A", "init": 1.0, "lower": 1e-6}, {"name": "b0", "init": 0.1}, {"name": "b1", "init": 0.1}]


def predict(theta, data):
    return theta[0] * np.exp(theta[1] + theta[2] * data["x"].to_numpy())


def negative_log_likelihood(theta, data):
    lam = predict(theta, data)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""

# the same covariate twice, in pounds and in kilograms
COLLINEAR = """
import numpy as np

PARAMS = [{"name": "base", "init": 1.0}, {"name": "per_lb", "init": 0.1}, {"name": "per_kg", "init": 0.1}]


def predict(theta, data):
    return theta[0] + theta[1] * data["weight_lb"].to_numpy() + theta[2] * data["weight_kg"].to_numpy()


def negative_log_likelihood(theta, data):
    r = data["y"].to_numpy() - predict(theta, data)
    return float(0.5 * np.sum(r ** 2))
"""

# a rate near 1e-4 per unit exposure next to a background near 10
SCALE_GAP = """
import numpy as np

PARAMS = [{"name": "rate", "init": 1e-4, "lower": 0.0}, {"name": "background", "init": 1.0, "lower": 0.0}]


def predict(theta, data):
    return theta[1] + theta[0] * data["exposure"].to_numpy()


def negative_log_likelihood(theta, data):
    lam = predict(theta, data)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""

# a Poisson regression with an identity link: lam = a + b x is 0 where x = -a/b, so log(lam) meets log(0)
LOG_ZERO = """
import numpy as np

PARAMS = [{"name": "a", "init": 0.2}, {"name": "b", "init": 1.0}]
GROUP_COLUMN = "site"


def predict(theta, data):
    return theta[0] + theta[1] * data["x"].to_numpy()


def negative_log_likelihood(theta, data):
    lam = predict(theta, data)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""

POISSON = """
import numpy as np

PARAMS = [{"name": "a", "init": 0.5, "lower": 0.0}, {"name": "b", "init": 0.5, "lower": 0.0, "upper": 10.0}]
GROUP_COLUMN = "site"


def predict(theta, data):
    return theta[0] + theta[1] * data["x"].to_numpy()


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-9)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""


def frame(case: str, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    if case == "a_exp":
        x = rng.uniform(0, 2, 200)
        # `noise` is a column the likelihood never reads, on a scale far from the others
        return pd.DataFrame({"x": x, "noise": rng.normal(0, 1e4, 200), "y": rng.poisson(3 * np.exp(0.5 + 0.7 * x))})
    if case == "collinear":
        lb = rng.uniform(100, 200, 200)
        return pd.DataFrame({"weight_lb": lb, "weight_kg": lb * 0.45359237, "y": 5 + 0.3 * lb + rng.normal(0, 2, 200)})
    if case == "scale_gap":
        e = rng.uniform(0, 2e5, 300)
        return pd.DataFrame({"exposure": e, "y": rng.poisson(10 + 1e-4 * e)})
    if case == "sum":
        x = rng.uniform(0, 10, 200)
        return pd.DataFrame({"x": x, "y": 3.0 + 0.5 * x + rng.normal(0, 1, 200)})
    if case in ("poisson", "log_zero", "flat"):
        x = rng.uniform(0, 5, 200)
        return pd.DataFrame({"x": x, "site": np.where(x > 2.5, "north", "south"), "y": rng.poisson(1.0 + 2.0 * x)})
    raise ValueError(f"unknown case {case!r}")


def write(root: Path, code: str, data: pd.DataFrame, extra: str = "") -> Path:
    (root / "code").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    n = int(len(data) * 0.8)
    data.iloc[:n].to_csv(root / "data/train.csv", index=False)
    data.iloc[n:].to_csv(root / "data/val.csv", index=False)
    (root / "code/model.py").write_text(textwrap.dedent(code).lstrip())
    spec = root / "spec.toml"
    spec.write_text('[model]\nentrypoint = "code/model.py"\nkind = "mle"\n\n[data]\ntrain = "data/train.csv"\n'
                    'val = "data/val.csv"\ntarget = "y"\n' + extra)
    return spec

# one rate per site, all in group "site"; sites 6 and 7 have no observations in the training data
SITES = """
import numpy as np

PARAMS = [{"name": f"rate_{k}", "init": 1.0, "lower": 0.0, "group": "site"} for k in range(8)]


def predict(theta, data):
    return np.asarray(theta)[data["site"].to_numpy(dtype=int)]


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-12)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""


def sites(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    site = rng.integers(0, 6, 150)
    return pd.DataFrame({"site": site, "y": rng.poisson(3.0 + 0.2 * site)})

# two intercepts that enter only as their sum
SUM = """
import numpy as np

PARAMS = [{"name": "offset_site", "init": 0.5}, {"name": "offset_season", "init": 0.5}, {"name": "slope", "init": 0.1}]


def predict(theta, data):
    return theta[0] + theta[1] + theta[2] * data["x"].to_numpy()


def negative_log_likelihood(theta, data):
    r = data["y"].to_numpy() - predict(theta, data)
    return float(0.5 * np.sum(r ** 2))
"""

# a parameter declared but never used by the likelihood: a flat direction
FLAT = """
import numpy as np

PARAMS = [{"name": "a", "init": 0.5, "lower": 0.0}, {"name": "b", "init": 0.5, "lower": 0.0},
          {"name": "unused_decay", "init": 0.3, "lower": 0.0}]


def predict(theta, data):
    return theta[0] + theta[1] * data["x"].to_numpy()


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-9)
    return float(np.sum(lam - data["y"].to_numpy() * np.log(lam)))
"""
