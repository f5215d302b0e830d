"""Plain training of a program, without the tool, and the check that its fault reproduces.

``run_plain(program)`` imports the generated code in-process and trains it the way the tool would
(the user's ``train_model`` with a recording monitor; for built-in kinds a loop like the tool's:
the same defaults, losses and optimisers; scipy L-BFGS-B for MLE), then computes the validation
metric from the returned model's predictions. ``check(faulty, twin, operator)`` says whether the
operator's observable effect shows against the healthy twin.

Example:
    >>> from faults.programs import base
    >>> out = run_plain(base("linreg_np", "diabetes", seed=1))
    >>> out.metric < 1.0 and not out.nonfinite
    True
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "faults"

import math
import time
import types
import warnings
from typing import Any

import numpy as np

from .datasets import TARGET
from .operators.base import Outcome
from .programs import Program


class RecordingMonitor:
    """The part of the tool's monitor the user's code talks to; stops on a non-finite value as the tool does."""

    def __init__(self) -> None:
        self.rows: list[dict[str, float]] = []
        self.should_stop = False
        self.nonfinite = False

    def log_epoch(self, train_loss: Any = None, val_loss: Any = None, metric: Any = None, grad_norm: Any = None,
                  lr: Any = None, **extra: Any) -> None:
        row: dict[str, float] = {}
        if grad_norm is not None and hasattr(grad_norm, "parameters"):
            sq = [float(p.grad.detach().pow(2).sum()) for p in grad_norm.parameters() if p.grad is not None]
            grad_norm = math.sqrt(sum(sq)) if sq else None
        for k, v in (("train_loss", train_loss), ("val_loss", val_loss), ("metric", metric),
                     ("grad_norm", grad_norm), ("lr", lr)):
            if v is not None:
                row[k] = float(v)
        self.rows.append(row)
        if any(not math.isfinite(row.get(k, 0.0)) for k in ("train_loss", "val_loss")):
            self.nonfinite = True
            self.should_stop = True


def _module(p: Program) -> types.ModuleType:
    mod = types.ModuleType(f"fault_program_{abs(hash(p.pid))}")
    exec(compile(p.code, f"<{p.pid}>/code/model.py", "exec"), mod.__dict__)  # our own generated code
    return mod


def _score(p: Program, pred: np.ndarray) -> float:
    y = p.val[TARGET].to_numpy(dtype=float)
    pred = np.asarray(pred, dtype=float).reshape(-1)
    if p.metric == "accuracy":
        return float(np.mean(pred == y))
    if not np.all(np.isfinite(pred)):
        return math.nan
    return float(np.sqrt(np.mean((pred - y) ** 2)))


def run_plain(p: Program) -> Outcome:
    out = Outcome(higher_is_better=p.metric == "accuracy", target_std=float(p.val[TARGET].std()))
    t0 = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pred = {"function": _function, "torch": _torch, "sklearn": _sklearn, "mle": _mle}[p.kind](p, out)
        out.extra["convergence_warning"] = any("ConvergenceWarning" in type(w.message).__name__ for w in caught)
        out.metric = _score(p, pred)
        with np.errstate(all="ignore"):
            finite = np.asarray(pred, dtype=float)
            out.pred_std = float(np.std(finite)) if np.all(np.isfinite(finite)) else math.nan
    except Exception as exc:  # noqa: BLE001 - the fault may be a crash; that is an outcome, not a failure of the check
        out.error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    out.seconds = time.perf_counter() - t0
    return out


def _function(p: Program, out: Outcome) -> np.ndarray:
    mod = _module(p)
    mon = RecordingMonitor()
    model = mod.train_model(p.train.copy(), p.val.copy(), dict(p.config), mon)
    out.history, out.nonfinite = mon.rows, mon.nonfinite
    return np.asarray(model.predict(p.val.drop(columns=[TARGET])))


def _torch(p: Program, out: Outcome) -> np.ndarray:
    """The built-in loop's essentials (same defaults, loss, optimiser, batching) without its probes."""
    import torch

    torch.set_num_threads(1)
    cfg = dict(p.config)
    torch.manual_seed(int(cfg.get("seed", 0)))
    loss_name = cfg.get("loss", "mse")
    feats = [c for c in p.train.columns if c != TARGET]
    x = torch.tensor(p.train[feats].to_numpy(dtype=np.float32))
    xv = torch.tensor(p.val[feats].to_numpy(dtype=np.float32))
    ydt = torch.long if loss_name == "cross_entropy" else torch.float32
    y = torch.tensor(p.train[TARGET].to_numpy(), dtype=ydt)
    yv = torch.tensor(p.val[TARGET].to_numpy(), dtype=ydt)
    if loss_name != "cross_entropy":
        y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    net = _module(p).build_model(cfg, len(feats))
    loss_fn = {"mse": torch.nn.MSELoss(), "bce": torch.nn.BCEWithLogitsLoss(),
               "cross_entropy": torch.nn.CrossEntropyLoss()}[loss_name]
    lr, wd = float(cfg["lr"]), float(cfg.get("weight_decay", 0.0))
    opt = (torch.optim.SGD(net.parameters(), lr=lr, momentum=float(cfg.get("momentum", 0.0)), weight_decay=wd)
           if cfg.get("optimizer") == "sgd" else torch.optim.Adam(net.parameters(), lr=lr, weight_decay=wd))
    bs, n = int(cfg.get("batch_size", 64)), len(x)
    gen = torch.Generator().manual_seed(int(cfg.get("seed", 0)))
    for _ in range(int(cfg.get("epochs", 50))):
        net.train()
        perm = torch.randperm(n, generator=gen)
        total = 0.0
        for s in range(0, n, bs):
            idx = perm[s:s + bs]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        net.eval()
        with torch.no_grad():
            val_loss = float(loss_fn(net(xv), yv))
        out.history.append({"train_loss": total / n, "val_loss": val_loss})
        if not (math.isfinite(total) and math.isfinite(val_loss)):
            out.nonfinite = True
            break
    with torch.no_grad():
        o = net(xv)
    if loss_name == "cross_entropy":
        return o.argmax(dim=1).numpy()
    if loss_name == "bce":
        return (o[:, 0] > 0).numpy().astype(np.int64)
    return o[:, 0].numpy().astype(np.float64)


def _sklearn(p: Program, out: Outcome) -> np.ndarray:
    feats = [c for c in p.train.columns if c != TARGET]
    x, y = p.train[feats].to_numpy(dtype=float), p.train[TARGET].to_numpy(dtype=float)
    xv = p.val[feats].to_numpy(dtype=float)
    est = _module(p).build_estimator(dict(p.config))
    if hasattr(est, "partial_fit"):  # as the tool does: one partial_fit pass per epoch
        for _ in range(int(p.config.get("epochs", 50))):
            est.partial_fit(x, y)
            pred = np.asarray(est.predict(xv), dtype=float)
            if not np.all(np.isfinite(pred)) or np.max(np.abs(pred)) > 1e12:
                out.nonfinite = True
                break
    else:
        est.fit(x, y)
    return np.asarray(est.predict(xv), dtype=float)


def _mle(p: Program, out: Outcome) -> np.ndarray:
    from scipy.optimize import minimize

    mod = _module(p)
    params = mod.PARAMS
    x0 = np.array([float(q["init"]) for q in params])
    bounds = [(q.get("lower"), q.get("upper")) for q in params]
    train = p.train.copy()
    seen_nonfinite = []

    def f(theta: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            v = float(mod.negative_log_likelihood(theta, train))
        if not math.isfinite(v):
            seen_nonfinite.append(v)
        return v

    res = minimize(f, x0, method="L-BFGS-B", bounds=bounds)
    theta = res.x
    out.nonfinite = bool(seen_nonfinite) or not math.isfinite(float(res.fun))
    out.extra.update(optimizer_success=bool(res.success), nll=float(res.fun))
    at_bound = [q["name"] for q, v in zip(params, theta, strict=True)
                if any(b is not None and abs(v - b) <= 1e-6 * max(1.0, abs(b))
                       for b in (q.get("lower"), q.get("upper")))]
    out.extra["at_bound"] = at_bound
    if math.isfinite(float(res.fun)):
        out.extra.update(_identifiability(f, theta))
    with np.errstate(all="ignore"):
        return np.asarray(mod.predict(theta, p.val.copy()), dtype=float)


def _identifiability(f: Any, theta: np.ndarray) -> dict[str, float]:
    """Condition number, largest |correlation| and relative standard error from a finite-difference Hessian."""
    k = len(theta)
    h = 1e-4 * (np.abs(theta) + 1e-2)
    hess = np.zeros((k, k))
    for i in range(k):
        for j in range(i, k):
            ei, ej = np.eye(k)[i] * h[i], np.eye(k)[j] * h[j]
            v = (f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)) / (4 * h[i] * h[j])
            hess[i, j] = hess[j, i] = v
    if not np.all(np.isfinite(hess)):
        return {"condition_number": math.inf}
    eig = np.linalg.eigvalsh(hess)
    cond = math.inf if eig.min() <= 0 else float(eig.max() / eig.min())
    res: dict[str, float] = {"condition_number": cond}
    if eig.min() > 0:
        cov = np.linalg.inv(hess)
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
        corr = cov / np.outer(se, se)
        np.fill_diagonal(corr, 0)
        res["max_abs_corr"] = float(np.max(np.abs(corr))) if k > 1 else 0.0
        res["max_rel_se"] = float(np.max(se / np.maximum(np.abs(theta), 1e-3)))
    return res


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/faults/reproduce.py DIR``: one plain training of a written program, as JSON.

    Run as its own process it costs what one training costs a user (interpreter, imports, training),
    the yardstick the repair benchmark divides the tool's wall time by.
    """
    import json

    from .programs import load_program

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "truth.json").exists():
        print("usage: reproduce.py PROGRAM_DIR (a folder with truth.json, spec.toml, code/, data/)", file=sys.stderr)
        return 2
    out = run_plain(load_program(Path(args[0])))
    print(json.dumps(out.to_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
