"""Faulty and healthy training scenarios for the repair benchmark (and a few integration tests).

Each scenario writes a workspace (data, code, spec) and states what a good trainer should find:
the symptom, the root cause, and whether a repair is possible at all (a code bug or a 2-argument
``train_model`` is documented, never "repaired"). ``expected_symptom = None`` marks a healthy run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass
class Scenario:
    name: str
    mode: str                         # "torch" | "function-4" | "function-3" | "function-2"
    code: str
    config: dict
    data: Callable[[], pd.DataFrame]
    expected_symptom: str | None
    expected_root_cause: str | None = None
    repairable: bool = True
    metric: str = "rmse"
    budget: str = 'max_attempts = 6\ntime_limit = "5m"'
    writer: Callable[[Path], Path] | None = None   # a scenario that writes its own workspace

    def write(self, root: Path) -> Path:
        if self.writer is not None:
            return self.writer(root)
        (root / "code").mkdir(parents=True, exist_ok=True)
        (root / "data").mkdir(exist_ok=True)
        frame = self.data()
        cut = int(len(frame) * 0.8)
        frame.iloc[:cut].to_csv(root / "data/train.csv", index=False)
        frame.iloc[cut:].to_csv(root / "data/val.csv", index=False)
        (root / "code/model.py").write_text(textwrap.dedent(self.code).lstrip())
        kind = self.mode if self.mode in ("torch", "sklearn") else "function"
        func = {"torch": "build_model", "sklearn": "build_estimator"}.get(kind, "train_model")
        cfg = "\n".join(f"{k} = {_toml(v)}" for k, v in self.config.items())
        spec = (f'[model]\nentrypoint = "code/model.py:{func}"\nkind = "{kind}"\nmetric = "{self.metric}"\n\n'
                '[data]\ntrain = "data/train.csv"\nval = "data/val.csv"\ntarget = "y"\n\n'
                f"[config]\n{cfg}\n\n[budget]\n{self.budget}\n\n"
                '[domain]\ntarget_units = "units"\ndescription = "a synthetic benchmark signal"\n')
        (root / "spec.toml").write_text(spec)
        return root / "spec.toml"


def _toml(v: object) -> str:
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    return repr(v)


# ---------------------------------------------------------------- data

def regression(n: int = 1200, d: int = 8, seed: int = 0, noise: float = 0.3, scales: list[float] | None = None,
               target_scale: float = 1.0, target_shift: float = 0.0, nonlinear: bool = True,
               nan_cells: int = 0) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        z = rng.normal(size=(n, d))
        w = rng.normal(size=d)
        y = z @ w + (np.sin(2 * z[:, 0]) + 0.5 * z[:, 1] * z[:, 2] if nonlinear else 0) + noise * rng.normal(size=n)
        x = z * (np.asarray(scales) if scales is not None else 1.0)
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(d)])
        frame["y"] = y * target_scale + target_shift
        if nan_cells:
            idx = rng.choice(int(n * 0.8), size=nan_cells, replace=False)
            frame.loc[idx, "x1"] = np.nan
        return frame
    return make


def classification(n: int = 1200, d: int = 6, seed: int = 1) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(n, d))
        logits = x[:, 0] - 2 * x[:, 1] + np.sin(3 * x[:, 2])
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(d)])
        frame["y"] = (logits + 0.3 * rng.normal(size=n) > 0).astype(int)
        return frame
    return make


def tiny_noisy(n: int = 200, d: int = 20, seed: int = 2) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(n, d))
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(d)])
        frame["y"] = x[:, 0] + 0.5 * x[:, 1] + 0.7 * rng.normal(size=n)
        return frame
    return make


# ---------------------------------------------------------------- code

MLP = """
import torch
from torch import nn

ACT = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "leaky_relu": nn.LeakyReLU, "gelu": nn.GELU}


def build_model(config, n_features):
    h = int(config.get("hidden_units", 32))
    depth = 2
    act = ACT[config.get("activation", "relu")]
    out_dim = 1
    layers = [nn.Linear(n_features, h), act()]
    for _ in range(depth - 1):
        layers += [nn.Linear(h, h), act()]
    if config.get("dropout"):
        layers.append(nn.Dropout(config["dropout"]))
    layers.append(nn.Linear(h, out_dim))
    if config.get("output_activation") == "sigmoid":
        layers.append(nn.Sigmoid())
    return nn.Sequential(*layers)
"""

DEEP_SIGMOID = """
import torch
from torch import nn

ACT = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "leaky_relu": nn.LeakyReLU}


def build_model(config, n_features):
    h = int(config.get("hidden_units", 32))
    act = ACT[config.get("activation", "sigmoid")]
    layers = [nn.Linear(n_features, h), act()]
    for _ in range(7):
        layers += [nn.Linear(h, h), act()]
    layers.append(nn.Linear(h, 1))
    return nn.Sequential(*layers)
"""

DEAD_RELU = """
import torch
from torch import nn

ACT = {"relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "tanh": nn.Tanh}


def build_model(config, n_features):
    h = int(config.get("hidden_units", 32))
    act = ACT[config.get("activation", "relu")]
    net = nn.Sequential(nn.Linear(n_features, h), act(), nn.Linear(h, h), act(), nn.Linear(h, 1))
    with torch.no_grad():
        net[0].bias.fill_(-8.0)   # a copy-paste bias: every first-layer unit starts switched off
    return net
"""

HETERO = """
import torch
from torch import nn


def _branch(n_in, hidden):
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 1))


class Model(nn.Module):
    def __init__(self, n_features, hidden):
        super().__init__()
        self.n_hub = n_features - 6
        self.hub = _branch(1, hidden)
        self.periphery = _branch(6, hidden)

    def forward(self, x):
        return self.hub(x[:, :self.n_hub].sum(dim=1, keepdim=True)) + self.periphery(x[:, self.n_hub:])


def build_model(config, n_features):
    return Model(n_features, int(config.get("hidden_units", 32)))
"""


def hetero_data(n: int = 2000, n_hub: int = 50, seed: int = 5) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        wave = rng.normal(size=(n, 1))
        hub = 0.95 * wave + np.sqrt(1 - 0.95**2) * rng.normal(size=(n, n_hub))
        per = rng.normal(size=(n, 6))
        y = 20 + 8 * hub.mean(axis=1) + 2 * np.tanh(per).sum(axis=1) + rng.normal(size=n)
        frame = pd.DataFrame(np.hstack([hub, per]), columns=[f"h{i}" for i in range(n_hub)]
                             + [f"p{i}" for i in range(6)])
        frame["y"] = y
        return frame
    return make


GD = """
import numpy as np


class Linear:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def predict(self, frame):
        return frame.to_numpy(dtype=float) @ self.w + self.b


def _xy(frame):
    return frame.drop(columns=["y"]).to_numpy(dtype=float), frame["y"].to_numpy(dtype=float)


def train_model(data_train, data_val, config, monitor):
    x, y = _xy(data_train)
    xv, yv = _xy(data_val)
    rng = np.random.default_rng(0)
    w, b = np.zeros(x.shape[1]), 0.0
    bs = int(config.get("batch_size", len(y)))
    with np.errstate(all="ignore"):
        for epoch in range(config["epochs"]):
            order = rng.permutation(len(y))
            for s in range(0, len(y), bs):
                i = order[s:s + bs]
                err = x[i] @ w + b - y[i]
                gw, gb = 2 * x[i].T @ err / len(i), 2 * err.mean()
                w, b = w - config["lr"] * gw, b - config["lr"] * gb
            res = xv @ w + b - yv
            monitor.log_epoch(train_loss=float(np.mean((x @ w + b - y) ** 2)), val_loss=float(np.mean(res ** 2)),
                              metric=float(np.sqrt(np.mean(res ** 2))), grad_norm=float(np.linalg.norm(gw)),
                              lr=config["lr"])
            if monitor.should_stop:
                break
    return Linear(w, b)
"""

GD_3ARG = """
import numpy as np


class Weights:
    def __init__(self, w):
        self.w = w

    def predict(self, frame):
        return frame.to_numpy(dtype=float) @ self.w


def train_model(data_train, data_val, config):
    x, y = data_train.drop(columns=["y"]).to_numpy(float), data_train["y"].to_numpy(float)
    xv, yv = data_val.drop(columns=["y"]).to_numpy(float), data_val["y"].to_numpy(float)
    w, hist = np.zeros(x.shape[1]), {"train_loss": [], "val_loss": [], "metric": []}
    with np.errstate(all="ignore"):
        for epoch in range(config["epochs"]):
            w = w - config["lr"] * 2 * x.T @ (x @ w - y) / len(y)
            hist["train_loss"].append(float(np.mean((x @ w - y) ** 2)))
            hist["val_loss"].append(float(np.mean((xv @ w - yv) ** 2)))
            hist["metric"].append(float(np.sqrt(hist["val_loss"][-1])))
    return Weights(w), hist
"""

GD_2ARG = GD_3ARG.replace("def train_model(data_train, data_val, config):",
                          "def train_model(data_train, data_val):\n    config = {\"lr\": 1.5, \"epochs\": 40}")

TORCH_FN = """
import torch
from torch import nn


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
    xv = torch.tensor(data_val.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    yv = torch.tensor(data_val["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
    net = nn.Sequential(nn.Linear(x.shape[1], 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 1))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    patience, best, best_state, waited = config["early_stopping_patience"], float("inf"), None, 0
    for epoch in range(config["epochs"]):
        opt.zero_grad()
        loss = nn.functional.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        with torch.no_grad():
            vl = nn.functional.mse_loss(net(xv), yv)
        monitor.log_epoch(train_loss=loss, val_loss=vl, metric=vl.sqrt(), grad_norm=net)
        if monitor.should_stop:
            break
        if patience:
            if vl.item() < best:
                best, best_state, waited = vl.item(), {k: v.clone() for k, v in net.state_dict().items()}, 0
            else:
                waited += 1
                if waited >= patience:
                    net.load_state_dict(best_state)
                    print(f"restored the weights of the best epoch (val_loss {best:.4f})")
                    break
    return net
"""

CRASH = """
def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.1)
    beta = config["beta_hub"]
    return beta
"""

HANG = """
import time


def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.1)
    time.sleep(3600)
"""

LOGREG = """
from sklearn.linear_model import LogisticRegression


def build_estimator(config):
    return LogisticRegression(max_iter=config["max_iter"], C=config["C"])
"""

RIDGE = """
from sklearn.linear_model import Ridge


def build_estimator(config):
    return Ridge(alpha=config["alpha"])
"""


def classification_scaled(scales: list[float] | None = None, seed: int = 3) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        frame = classification(n=1500, d=6, seed=seed)()
        if scales is not None:
            for i, sc in enumerate(scales):
                frame[f"x{i}"] = frame[f"x{i}"] * sc
        return frame
    return make


EXP_GROWTH = """
import numpy as np

PARAMS = [{"name": "initial_cases", "init": 5.0, "lower": 0.0}, {"name": "growth_rate", "init": 3.0, "lower": 0.0}]


def predict(theta, data):
    return theta[0] * np.exp(theta[1] * data["day"].to_numpy(dtype=float))


def negative_log_likelihood(theta, data):
    lam = np.maximum(predict(theta, data), 1e-12)
    return float(np.sum(lam - data["y"].to_numpy(dtype=float) * np.log(lam)))
"""


def exp_growth(days: int = 300, seed: int = 8) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        day = np.arange(days, dtype=float)
        y = rng.poisson(20 * np.exp(0.012 * day))
        frame = pd.DataFrame({"day": day, "y": y})
        return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    return make


def _mle(code: str) -> Callable[[Path], Path]:
    def write(root: Path) -> Path:
        sc = Scenario("x", "function-4", code, {}, exp_growth(), None)
        spec = sc.write(root)
        (root / "code/model.py").write_text(textwrap.dedent(code).lstrip())
        text = spec.read_text().replace('entrypoint = "code/model.py:train_model"', 'entrypoint = "code/model.py"')
        spec.write_text(text.replace('kind = "function"', 'kind = "mle"'))
        return spec
    return write


def _sir(root: Path) -> Path:
    from model_trainer.demo import sir

    return sir.write_workspace(root)


def multiclass(n: int = 1500, seed: int = 9) -> Callable[[], pd.DataFrame]:
    def make() -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(n, 5))
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(5)])
        frame["y"] = np.argmax(x[:, :3] + 0.3 * rng.normal(size=(n, 3)), axis=1)
        return frame
    return make


SGD = {"optimizer": "sgd", "momentum": 0.0, "batch_size": 32, "seed": 0}

SCENARIOS: list[Scenario] = [
    # healthy runs, noisy ones included: no diary entry, exit 0
    Scenario("torch_healthy_adam", "torch", MLP, {"lr": 0.003, "optimizer": "adam", "epochs": 30, "batch_size": 32,
             "hidden_units": 32, "seed": 0}, regression(), None),
    Scenario("torch_healthy_noisy_sgd", "torch", MLP, {**SGD, "lr": 0.01, "batch_size": 8, "epochs": 25,
             "hidden_units": 32}, regression(noise=1.5, seed=3), None),
    Scenario("torch_healthy_classifier", "torch", MLP, {"lr": 0.005, "optimizer": "adam", "epochs": 25,
             "batch_size": 32, "hidden_units": 32, "loss": "bce", "seed": 0}, classification(), None,
             metric="accuracy"),
    Scenario("function_healthy_gd", "function-4", GD, {"lr": 0.05, "epochs": 60}, regression(nonlinear=False), None),
    Scenario("function_healthy_noisy_minibatch", "function-4", GD, {"lr": 0.01, "epochs": 40, "batch_size": 4},
             regression(nonlinear=False, noise=2.0, seed=4), None),
    Scenario("function3_healthy", "function-3", GD_3ARG, {"lr": 0.05, "epochs": 80}, regression(nonlinear=False),
             None),
    # numerical faults
    Scenario("torch_lr_kills_relu", "torch", MLP, {**SGD, "lr": 0.6, "epochs": 30, "hidden_units": 32},
             regression(), "dying_relu", "learning_rate_too_high"),
    Scenario("torch_lr_too_high_tanh", "torch", MLP, {**SGD, "lr": 2.0, "epochs": 30, "hidden_units": 32,
             "activation": "tanh"}, regression(), "nan_loss", "learning_rate_too_high"),
    Scenario("torch_unscaled_features", "torch", MLP, {**SGD, "lr": 0.01, "epochs": 30, "hidden_units": 32},
             regression(scales=[1, 1e3, 1, 1, 5e2, 1, 1, 1]), "nan_loss", "unscaled_features"),
    Scenario("torch_unscaled_target", "torch", MLP, {**SGD, "lr": 0.01, "epochs": 30, "hidden_units": 32},
             regression(target_scale=3e3, target_shift=5e4), "nan_loss", "unscaled_target"),
    Scenario("torch_gradient_heterogeneity", "torch", HETERO, {**SGD, "lr": 0.05, "epochs": 25, "hidden_units": 32,
             "clip_grad_norm": 0.0}, hetero_data(), "nan_loss", "gradient_heterogeneity"),
    Scenario("function_lr_too_high", "function-4", GD, {"lr": 1.2, "epochs": 60}, regression(nonlinear=False),
             "exploding_gradients", "learning_rate_too_high"),
    Scenario("function_unscaled_features", "function-4", GD, {"lr": 0.05, "epochs": 60},
             regression(nonlinear=False, scales=[1, 300, 1, 1, 1, 1, 1, 1]), "exploding_gradients",
             "unscaled_features"),
    Scenario("function3_lr_too_high", "function-3", GD_3ARG, {"lr": 1.3, "epochs": 40},
             regression(nonlinear=False), "exploding_gradients", "learning_rate_too_high"),
    Scenario("invalid_data_nan_cells", "torch", MLP, {"lr": 0.003, "optimizer": "adam", "epochs": 20,
             "batch_size": 32, "hidden_units": 32, "seed": 0}, regression(nan_cells=12), "invalid_data",
             "invalid_data"),
    # convergence faults
    Scenario("torch_slow_lr", "torch", MLP, {**SGD, "lr": 0.0003, "epochs": 20, "hidden_units": 32},
             regression(), "slow_convergence", "learning_rate_too_low"),
    Scenario("function_slow_lr", "function-4", GD, {"lr": 0.0005, "epochs": 60}, regression(nonlinear=False),
             "slow_convergence", "learning_rate_too_low"),
    Scenario("torch_vanishing_sigmoid", "torch", DEEP_SIGMOID, {**SGD, "lr": 0.05, "epochs": 20,
             "hidden_units": 32, "activation": "sigmoid"}, regression(), "vanishing_gradients",
             "saturating_activation"),
    Scenario("torch_dying_relu", "torch", DEAD_RELU, {**SGD, "lr": 0.01, "epochs": 20, "hidden_units": 32,
             "activation": "relu"}, regression(), "dying_relu", "bad_initialization"),
    Scenario("torch_oscillating", "torch", MLP, {"optimizer": "sgd", "momentum": 0.9, "batch_size": 16, "seed": 0,
             "lr": 0.03, "epochs": 30, "hidden_units": 32}, regression(), "oscillating_loss",
             "learning_rate_too_high"),
    Scenario("torch_underfit_sigmoid_output", "torch", MLP, {"lr": 0.003, "optimizer": "adam", "epochs": 25,
             "batch_size": 32, "hidden_units": 32, "output_activation": "sigmoid", "seed": 0},
             regression(target_scale=10.0), "underfitting", "output_range_mismatch"),
    Scenario("torch_overfit", "torch", MLP, {"lr": 0.003, "optimizer": "adam", "epochs": 150, "batch_size": 16,
             "hidden_units": 256, "seed": 0}, tiny_noisy(), "overfitting", "insufficient_regularization"),
    Scenario("function_overfit", "function-4", TORCH_FN, {"lr": 0.003, "weight_decay": 0.0,
             "early_stopping_patience": 0, "epochs": 300}, tiny_noisy(seed=6), "overfitting",
             "insufficient_regularization"),
    # first run as held-out checks after the thresholds were set; they exposed the two gaps fixed since
    Scenario("torch_multiclass_collapse", "torch", MLP.replace("out_dim = 1", "out_dim = 3"),
             {**SGD, "lr": 3.0, "epochs": 20, "hidden_units": 32, "loss": "cross_entropy"}, multiclass(),
             "constant_output", "learning_rate_too_high", metric="accuracy"),
    Scenario("torch_adam_unscaled_target", "torch", MLP, {"optimizer": "adam", "lr": 0.001, "epochs": 25,
             "batch_size": 32, "hidden_units": 32, "seed": 0}, regression(target_scale=500, target_shift=2e4, seed=5),
             "slow_convergence", "unscaled_target"),
    Scenario("torch_healthy_momentum_batch4", "torch", MLP, {**SGD, "momentum": 0.9, "lr": 0.002, "epochs": 15,
             "batch_size": 4, "hidden_units": 16, "seed": 1}, regression(noise=0.8, seed=12), None),
    # scikit-learn and maximum likelihood
    Scenario("sklearn_healthy_ridge", "sklearn", RIDGE, {"alpha": 1.0}, regression(nonlinear=False), None),
    Scenario("sklearn_unscaled_no_convergence", "sklearn", LOGREG, {"max_iter": 20, "C": 1.0},
             classification_scaled([1, 2e3, 1, 5e2, 1, 1]), "slow_convergence", "unscaled_features",
             metric="accuracy"),
    Scenario("sklearn_max_iter", "sklearn", LOGREG, {"max_iter": 2, "C": 1.0}, classification_scaled(),
             "slow_convergence", "insufficient_training", metric="accuracy"),
    Scenario("mle_exponential_overflow", "mle", EXP_GROWTH, {}, exp_growth(), "nan_loss", "numerical_overflow",
             writer=_mle(EXP_GROWTH)),
    Scenario("mle_sir_network_singular", "mle", "", {}, regression(), "singular_matrix", "non_identifiable",
             writer=_sir),
    # documented, not repaired
    Scenario("function2_post_hoc", "function-2", GD_2ARG, {}, regression(nonlinear=False), "exploding_gradients",
             "learning_rate_too_high", repairable=False),
    Scenario("function_code_error", "function-4", CRASH, {"lr": 0.1}, regression(), "training_error", "code_error",
             repairable=False),
    Scenario("function_hang", "function-4", HANG, {"lr": 0.1}, regression(), "timeout", "budget_exhausted",
             repairable=False, budget='max_attempts = 2\ntime_limit = "6s"'),
]
