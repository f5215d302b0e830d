"""Base programs: healthy training code for several architectures, written as a user would.

A ``Program`` is one self-contained project (spec, code, data) plus its ground truth. ``base(name,
dataset, seed)`` returns the healthy program; an operator (``operators/``) then mutates its code,
config or data. Code mutations are plain text replacements of lines these templates contain, so
every fault is visible in the generated ``code/model.py`` exactly where a user would have written it.

Example:
    >>> p = base("mlp_fn", "diabetes", seed=4)
    >>> p.kind, p.task, p.faulty
    ('function', 'regression', False)
"""

from __future__ import annotations

import copy
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .datasets import TARGET, load, split

# ---------------------------------------------------------------- the program record


@dataclass
class Program:
    pid: str
    seed: int
    base: str
    dataset: str
    kind: str                       # function | torch | sklearn | mle
    task: str                       # regression | binary | multiclass
    code: str
    config: dict[str, Any]
    train: pd.DataFrame
    val: pd.DataFrame
    metric: str                     # rmse | accuracy
    operator: str | None = None
    family: str | None = None
    symptoms: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    repairable: bool = True
    effect: str = ""                # what the reproduction check looks for, in words
    description: str = ""

    @property
    def faulty(self) -> bool:
        return self.operator is not None

    def clone(self) -> Program:
        twin = copy.copy(self)
        twin.config = copy.deepcopy(self.config)
        twin.train, twin.val = self.train.copy(), self.val.copy()
        twin.symptoms, twin.causes = list(self.symptoms), list(self.causes)
        return twin

    def replace(self, old: str, new: str) -> None:
        """A source mutation; refuses to silently do nothing when the template lacks the line."""
        if old not in self.code:
            raise ValueError(f"{self.base}: mutation target not found in the code: {old!r}")
        self.code = self.code.replace(old, new, 1)

    def truth(self) -> dict[str, Any]:
        return {"id": self.pid, "seed": self.seed, "half": half_of(self.seed), "base": self.base,
                "dataset": self.dataset, "kind": self.kind, "task": self.task, "metric": self.metric,
                "status": "faulty" if self.faulty else "healthy", "operator": self.operator, "family": self.family,
                "expected_symptoms": self.symptoms, "expected_causes": self.causes,
                "repairable": self.repairable if self.faulty else None, "effect": self.effect,
                "description": self.description}

    def write(self, root: Path) -> Path:
        """Write the project folder (CONTRACT §3-§4) and its ground truth; returns the spec path."""
        (root / "code").mkdir(parents=True, exist_ok=True)
        (root / "data").mkdir(exist_ok=True)
        self.train.to_csv(root / "data/train.csv", index=False)
        self.val.to_csv(root / "data/val.csv", index=False)
        (root / "code/model.py").write_text(self.code)
        entry = {"function": "code/model.py:train_model", "torch": "code/model.py:build_model",
                 "sklearn": "code/model.py:build_estimator", "mle": "code/model.py"}[self.kind]
        cfg = "\n".join(f"{k} = {_toml(v)}" for k, v in self.config.items())
        spec = (f'[model]\nentrypoint = "{entry}"\nkind = "{self.kind}"\nmetric = "{self.metric}"\n\n'
                f'[data]\ntrain = "data/train.csv"\nval = "data/val.csv"\ntarget = "{TARGET}"\n\n'
                + (f"[config]\n{cfg}\n\n" if cfg else "")
                + '[budget]\nmax_attempts = 6\ntime_limit = "4m"\n\n'
                f'[domain]\ntarget_units = "{_units(self)}"\ndescription = "{self.dataset} ({self.task})"\n')
        (root / "spec.toml").write_text(spec)
        (root / "truth.json").write_text(json.dumps(self.truth(), indent=2) + "\n")
        return root / "spec.toml"


def half_of(seed: int) -> str:
    """The split: even generator seeds tune, odd ones evaluate."""
    return "tune" if seed % 2 == 0 else "eval"


def _units(p: Program) -> str:
    return "standard units" if p.task == "regression" else "class"


def _toml(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


# ---------------------------------------------------------------- function mode, user's own torch loop

TORCH_FN = '''
import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)
TARGET = "y"
TASK = "{task}"
N_OUT = {n_out}
ACT = {{"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}}

{net}

class Model:
    """What train_model returns: predicts the target (or class) for raw feature rows."""

    def __init__(self, net):
        self.net = net

    def predict(self, frame):
        x = torch.tensor(frame.drop(columns=[TARGET], errors="ignore").to_numpy(dtype=np.float32))
        self.net.eval()
        with torch.no_grad():
            return decode(self.net(x))


def decode(out):
    if TASK == "multiclass":
        return out.argmax(dim=1).numpy()
    if TASK == "binary":
        return (out[:, 0] > 0).numpy().astype(np.int64)
    return out[:, 0].numpy().astype(np.float64)


def xy(frame):
    x = torch.tensor(frame.drop(columns=[TARGET]).to_numpy(dtype=np.float32))
    y = torch.tensor(frame[TARGET].to_numpy(dtype=np.float32))
    return x, y


def make_loss():
    if TASK == "multiclass":
        return nn.CrossEntropyLoss()
    if TASK == "binary":
        return nn.BCEWithLogitsLoss()
    return nn.MSELoss()


def loss_on(loss_fn, out, y):
    if TASK == "multiclass":
        return loss_fn(out, y.long())
    return loss_fn(out[:, 0], y)


def score(pred, y):
    y = y.numpy()
    if TASK == "regression":
        return float(np.sqrt(np.mean((pred - y) ** 2)))
    return float(np.mean(pred == y))


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    x, y = xy(data_train)
    xv, yv = xy(data_val)
    net = Net(x.shape[1], config)
    if config["optimizer"] == "sgd":
        opt = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"],
                              weight_decay=config["weight_decay"])
    else:
        opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    # halve the learning rate three times over the run
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=max(int(config["epochs"]) // 4, 1), gamma=0.5)
    loss_fn = make_loss()
    bs = int(config["batch_size"])
    gen = torch.Generator().manual_seed(0)
    for epoch in range(int(config["epochs"])):
        net.train()
        perm = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_on(loss_fn, net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        sched.step()
        net.eval()
        with torch.no_grad():
            out = net(xv)
            val_loss = float(loss_on(loss_fn, out, yv))
        monitor.log_epoch(train_loss=total / len(x), val_loss=val_loss, metric=score(decode(out), yv),
                          grad_norm=net, lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return Model(net)
'''

NETS = {
    "mlp_fn": '''
class Net(nn.Module):
    def __init__(self, n_features, config):
        super().__init__()
        h = int(config["hidden_units"])
        act = ACT[config["activation"]]
        self.body = nn.Sequential(nn.Linear(n_features, h), act(), nn.Linear(h, h), act())
        self.head = nn.Linear(h, N_OUT)

    def forward(self, x):
        z = self.body(x)
        return self.head(z)
''',
    "cnn_fn": '''
class Net(nn.Module):
    """A small 1-D CNN over the lag window (the columns, in order)."""

    def __init__(self, n_features, config):
        super().__init__()
        c = int(config["hidden_units"])
        act = ACT[config["activation"]]
        self.body = nn.Sequential(nn.Conv1d(1, c, 3, padding=1), act(), nn.Conv1d(c, c, 3, padding=1), act(),
                                  nn.Flatten())
        self.head = nn.Linear(c * n_features, N_OUT)

    def forward(self, x):
        z = self.body(x.unsqueeze(1))
        return self.head(z)
''',
    "gru_fn": '''
class Net(nn.Module):
    """A GRU over the lag window, one value per step; the last hidden state feeds the head."""

    def __init__(self, n_features, config):
        super().__init__()
        h = int(config["hidden_units"])
        self.rnn = nn.GRU(1, h, batch_first=True)
        self.head = nn.Linear(h, N_OUT)

    def forward(self, x):
        _, last = self.rnn(x.unsqueeze(-1))
        z = last[0]
        return self.head(z)
''',
}

TORCH_FN_CONFIG: dict[str, dict[str, Any]] = {
    "mlp_fn": {"lr": 0.01, "optimizer": "adam", "momentum": 0.0, "weight_decay": 0.0, "batch_size": 64,
               "epochs": 60, "hidden_units": 32, "activation": "relu"},
    "cnn_fn": {"lr": 0.01, "optimizer": "adam", "momentum": 0.0, "weight_decay": 0.0, "batch_size": 64,
               "epochs": 40, "hidden_units": 8, "activation": "relu"},
    "gru_fn": {"lr": 0.01, "optimizer": "adam", "momentum": 0.0, "weight_decay": 0.0, "batch_size": 64,
               "epochs": 30, "hidden_units": 16},
}

# ---------------------------------------------------------------- kind = "torch": build_model only

TORCH_KIND = '''
import torch
from torch import nn

N_OUT = {n_out}
ACT = {{"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}}
OUT = {{"none": nn.Identity, "relu": nn.ReLU, "sigmoid": nn.Sigmoid}}


def build_model(config, n_features):
    h = int(config["hidden_units"])
    act = ACT[config["activation"]]
    net = nn.Sequential(nn.Linear(n_features, h), act(), nn.Linear(h, h), act(),
                        nn.Linear(h, N_OUT), OUT[config.get("output_activation", "none")]())
    return net
'''

# ---------------------------------------------------------------- numpy linear / logistic regression

LINREG_NP = '''
import numpy as np

TARGET = "y"


class Linear:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def predict(self, frame):
        return frame.drop(columns=[TARGET], errors="ignore").to_numpy(dtype=float) @ self.w + self.b


def train_model(data_train, data_val, config, monitor):
    x = data_train.drop(columns=[TARGET]).to_numpy(dtype=float)
    y = data_train[TARGET].to_numpy(dtype=float)
    xv = data_val.drop(columns=[TARGET]).to_numpy(dtype=float)
    yv = data_val[TARGET].to_numpy(dtype=float)
    w, b = np.zeros(x.shape[1]), 0.0
    for epoch in range(int(config["epochs"])):
        err = x @ w + b - y
        gw = 2 * x.T @ err / len(y) + 2 * config["weight_decay"] * w
        gb = 2 * err.mean()
        w, b = w - config["lr"] * gw, b - config["lr"] * gb
        verr = xv @ w + b - yv
        monitor.log_epoch(train_loss=float(np.mean((x @ w + b - y) ** 2)), val_loss=float(np.mean(verr ** 2)),
                          metric=float(np.sqrt(np.mean(verr ** 2))), grad_norm=float(np.hypot(np.linalg.norm(gw), gb)),
                          lr=config["lr"])
        if monitor.should_stop:
            break
    return Linear(w, b)
'''

LOGREG_NP = '''
import numpy as np

TARGET = "y"


class Logistic:
    def __init__(self, w, b, mu, sd):
        self.w, self.b, self.mu, self.sd = w, b, mu, sd

    def predict(self, frame):
        x = (frame.drop(columns=[TARGET], errors="ignore").to_numpy(dtype=float) - self.mu) / self.sd
        return (x @ self.w + self.b > 0).astype(int)


def train_model(data_train, data_val, config, monitor):
    x = data_train.drop(columns=[TARGET]).to_numpy(dtype=float)
    y = data_train[TARGET].to_numpy(dtype=float)
    xv = data_val.drop(columns=[TARGET]).to_numpy(dtype=float)
    yv = data_val[TARGET].to_numpy(dtype=float)
    mu, sd = x.mean(axis=0), x.std(axis=0)
    x, xv = (x - mu) / sd, (xv - mu) / sd
    w, b = np.zeros(x.shape[1]), 0.0
    for epoch in range(int(config["epochs"])):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        gw = x.T @ (p - y) / len(y) + config["weight_decay"] * w
        gb = float(np.mean(p - y))
        w, b = w - config["lr"] * gw, b - config["lr"] * gb
        p = np.clip(1 / (1 + np.exp(-(x @ w + b))), 1e-12, 1 - 1e-12)
        pv = np.clip(1 / (1 + np.exp(-(xv @ w + b))), 1e-12, 1 - 1e-12)
        monitor.log_epoch(train_loss=float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
                          val_loss=float(-np.mean(yv * np.log(pv) + (1 - yv) * np.log(1 - pv))),
                          metric=float(np.mean((pv > 0.5) == yv)), grad_norm=float(np.hypot(np.linalg.norm(gw), gb)),
                          lr=config["lr"])
        if monitor.should_stop:
            break
    return Logistic(w, b, mu, sd)
'''

# ---------------------------------------------------------------- kind = "sklearn"

SK_SGD = '''
from sklearn.linear_model import SGDRegressor


def build_estimator(config):
    return SGDRegressor(learning_rate="constant", eta0=config["lr"], alpha=config["weight_decay"],
                        max_iter=int(config["epochs"]), tol=None, random_state=0)
'''

SK_LOGREG = '''
from sklearn.linear_model import LogisticRegression


def build_estimator(config):
    return LogisticRegression(C=config["C"], max_iter=int(config["max_iter"]))
'''

SK_MLP = '''
from sklearn.neural_network import MLPRegressor


def build_estimator(config):
    return MLPRegressor(hidden_layer_sizes=(int(config["hidden_units"]),), learning_rate_init=config["lr"],
                        alpha=config["weight_decay"], max_iter=int(config["epochs"]), random_state=0)
'''

# ---------------------------------------------------------------- the bases

BASES: dict[str, dict[str, Any]] = {
    "mlp_fn": {"kind": "function", "datasets": ["diabetes", "breast_cancer", "wine", "friedman", "classif", "digits"]},
    "cnn_fn": {"kind": "function", "datasets": ["sine_windows", "ar_windows"]},
    "gru_fn": {"kind": "function", "datasets": ["sine_windows", "ar_windows"]},
    "mlp_torch": {"kind": "torch", "datasets": ["diabetes", "breast_cancer", "wine", "friedman", "digits"]},
    "linreg_np": {"kind": "function", "datasets": ["diabetes", "friedman", "linnerud"]},
    "logreg_np": {"kind": "function", "datasets": ["breast_cancer", "classif"]},
    "sk_sgd": {"kind": "sklearn", "datasets": ["diabetes", "friedman"]},
    "sk_logreg": {"kind": "sklearn", "datasets": ["breast_cancer", "wine", "digits"]},
    "sk_mlp": {"kind": "sklearn", "datasets": ["diabetes", "friedman"]},
    "mle_poisson": {"kind": "mle", "datasets": ["counts_diabetes", "counts_synthetic"]},
    "mle_growth": {"kind": "mle", "datasets": ["growth_synthetic"]},
    "mle_dose": {"kind": "mle", "datasets": ["dose_synthetic"]},
}


# Small, noisy real data sets: an MLP under Adam at lr 0.01 reaches its best validation loss in 10-15
# epochs and overfits after, so a healthy program stops there.
SMALL_REAL = ("diabetes", "breast_cancer", "wine", "digits", "linnerud")


def base(name: str, dataset: str, seed: int) -> Program:
    """The healthy program of base ``name`` on ``dataset`` (data drawn with ``seed``)."""
    if name not in BASES:
        raise ValueError(f"base must be one of {sorted(BASES)}, got {name!r}")
    info = BASES[name]
    if dataset not in info["datasets"]:
        raise ValueError(f"base {name!r} runs on {info['datasets']}, got dataset {dataset!r}")
    if info["kind"] == "mle":
        from .mle_programs import mle_base

        return mle_base(name, dataset, seed)
    frame, task = load(dataset, seed)
    train, val = split(frame)
    n_out = int(frame[TARGET].nunique()) if task == "multiclass" else 1
    metric = "rmse" if task == "regression" else "accuracy"
    pid = f"s{seed:04d}-{name}-{dataset}"
    if name in NETS:
        code = TORCH_FN.format(task=task, n_out=n_out, net=textwrap.dedent(NETS[name]).strip())
        config = dict(TORCH_FN_CONFIG[name])
        if dataset in SMALL_REAL:
            config["epochs"] = 15
    elif name == "mlp_torch":
        code = TORCH_KIND.format(n_out=n_out)
        loss = {"regression": "mse", "binary": "bce", "multiclass": "cross_entropy"}[task]
        small = dataset in SMALL_REAL
        config = {"lr": 0.003 if small and task != "regression" else 0.01, "optimizer": "adam", "momentum": 0.0,
                  "weight_decay": 0.0, "batch_size": 64, "epochs": 15 if small else 60, "hidden_units": 32,
                  "activation": "relu", "loss": loss, "output_activation": "none", "init": "default"}
    elif name == "linreg_np":
        code = LINREG_NP
        config = {"lr": 0.1, "epochs": 150 if dataset != "linnerud" else 300, "weight_decay": 0.0}
    elif name == "logreg_np":
        code = LOGREG_NP
        config = {"lr": 0.5, "epochs": 150, "weight_decay": 0.0}
    elif name == "sk_sgd":
        code, config = SK_SGD, {"lr": 0.001, "epochs": 30, "weight_decay": 0.0001}
    elif name == "sk_logreg":
        code, config = SK_LOGREG, {"C": 1.0, "max_iter": 500}
    else:
        code, config = SK_MLP, {"lr": 0.01, "epochs": 300, "weight_decay": 0.0001, "hidden_units": 32}
    return Program(pid=pid, seed=seed, base=name, dataset=dataset, kind=info["kind"], task=task,
                   code=textwrap.dedent(code).lstrip(), config=config, train=train, val=val, metric=metric)


def load_program(root: Path) -> Program:
    """Read back a written program folder (its spec, code, data and ground truth)."""
    import tomllib

    truth = json.loads((root / "truth.json").read_text())
    spec = tomllib.loads((root / "spec.toml").read_text())
    p = Program(pid=truth["id"], seed=truth["seed"], base=truth["base"], dataset=truth["dataset"], kind=truth["kind"],
                task=truth["task"], code=(root / "code/model.py").read_text(), config=dict(spec.get("config", {})),
                train=pd.read_csv(root / "data/train.csv"), val=pd.read_csv(root / "data/val.csv"),
                metric=truth["metric"], operator=truth["operator"], family=truth["family"],
                symptoms=truth["expected_symptoms"], causes=truth["expected_causes"],
                repairable=bool(truth["repairable"]), effect=truth["effect"], description=truth["description"])
    return p
