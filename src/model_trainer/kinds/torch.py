"""The built-in PyTorch loop for ``kind = "torch"``: ``build_model(config, n_features) -> nn.Module``.

It honours every knob of CONTRACT §4 that applies, checks finiteness every step without a host
sync per step (the running loss sum turns non-finite with any step and is read every
``_CHECK_EVERY`` steps), and measures once per epoch what the investigator needs: the gradient
norm in total and per parameter group and the fraction of exactly-zero gradients (on the epoch's
first step, before clipping), and the fraction
of dead (ReLU-family) and saturated (tanh/sigmoid) units on the validation pass.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from model_trainer.bundle import ModelBundle
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor, grad_norms
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import DEAD_FAMILY, extremes, identical_units, prepared_data, user_callable
from model_trainer.probes.returned_model import embedding_rows
from model_trainer.safemodel import attach_twin

# A sync every 64 steps bounds the wasted work after a NaN to 64 steps while keeping the sync
# cost far below 1% of a launch-bound GPU step.
_CHECK_EVERY = 64
_EVAL_BATCH = 8192

DEFAULTS: dict[str, Any] = {"lr": 0.01, "optimizer": "adam", "momentum": 0.0, "weight_decay": 0.0,
                            "batch_size": 64, "epochs": 50, "clip_grad_norm": 0.0,
                            "early_stopping_patience": 0, "seed": 0, "lr_schedule": "none", "init": "default"}


def _knobs() -> Any:
    from model_trainer.kinds import Knobs

    # ``init`` is the loop's too: it re-initialises what ``build_model`` returned (``_init_weights``: "reset",
    # "xavier", "kaiming", "normal", "zeros"); it has no choices, since any other value is passed on to build_model
    return Knobs(loop=("lr", "optimizer", "momentum", "weight_decay", "batch_size", "epochs", "clip_grad_norm",
                       "early_stopping_patience", "loss", "metric", "seed", "lr_schedule", "init"),
                 model=("hidden_units", "activation", "output_activation", "dropout"),
                 defaults=DEFAULTS,
                 choices={"optimizer": ("sgd", "adam", "adamw"), "loss": ("mse", "mae", "bce", "cross_entropy"),
                          "lr_schedule": ("none", "cosine", "step", "plateau")})


KNOBS = _knobs()


def _task(loss: str) -> str:
    return {"bce": "binary", "cross_entropy": "multiclass"}.get(loss, "regression")


def _optimizer(torch: Any, params: Any, cfg: dict[str, Any]) -> Any:
    name, lr, wd = cfg["optimizer"], float(cfg["lr"]), float(cfg["weight_decay"])
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=float(cfg["momentum"]), weight_decay=wd)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=wd)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=wd)
    raise ValueError(f"optimizer must be sgd, adam or adamw, got {name!r}")


def _scheduler(torch: Any, opt: Any, cfg: dict[str, Any]) -> Any:
    kind, epochs = cfg["lr_schedule"], int(cfg["epochs"])
    if kind == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(epochs, 1))
    if kind == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=max(epochs // 3, 1), gamma=0.1)
    if kind == "plateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=5)
    return None


def _init_weights(torch: Any, model: Any, how: str) -> None:
    if how == "reset":
        # PyTorch's own initialisation of every layer, undoing whatever the user's build_model filled in
        for m in model.modules():
            if callable(getattr(m, "reset_parameters", None)):
                m.reset_parameters()
        return
    if how not in ("xavier", "kaiming", "normal", "zeros"):
        return  # "default", or a value only the user's build_model understands
    for m in model.modules():
        if isinstance(m, torch.nn.Linear):
            if how == "xavier":
                torch.nn.init.xavier_uniform_(m.weight)
            elif how == "kaiming":
                torch.nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
            elif how == "normal":
                torch.nn.init.normal_(m.weight, std=0.02)
            elif how == "zeros":
                torch.nn.init.zeros_(m.weight)
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias)


class _ActivationProbe:
    """Forward hooks on activation modules, active only during the validation pass."""

    _DEAD = DEAD_FAMILY
    _SAT = ("Tanh", "Sigmoid")

    def __init__(self, model: Any) -> None:
        self.modules = [m for m in model.modules() if type(m).__name__ in self._DEAD + self._SAT]
        self.handles: list[Any] = []
        self.dead: list[Any] = []   # per module: bool tensor, unit never positive in this pass
        self.sat: list[Any] = []

    def __enter__(self) -> _ActivationProbe:
        self.dead, self.sat = [], []
        for i, m in enumerate(self.modules):
            self.handles.append(m.register_forward_hook(self._hook(i, type(m).__name__)))
        return self

    def _hook(self, i: int, name: str) -> Callable[..., None]:
        def hook(_m: Any, _inp: Any, out: Any) -> None:
            flat = out.detach().reshape(out.shape[0], -1)
            if name in self._DEAD:
                alive = (flat > 0).any(dim=0)
                if len(self.dead) <= i:
                    self.dead.extend([None] * (i + 1 - len(self.dead)))
                self.dead[i] = alive if self.dead[i] is None else (self.dead[i] | alive)
            else:
                lim = 0.99
                s = (flat.abs() > lim) if name == "Tanh" else ((flat < 1 - lim) | (flat > lim))
                self.sat.append(s.float().mean())
        return hook

    def __exit__(self, *exc: object) -> None:
        for h in self.handles:
            h.remove()
        self.handles = []

    def results(self, torch: Any) -> dict[str, float]:
        out: dict[str, float] = {}
        alive = [a for a in self.dead if a is not None]
        if alive:
            total = sum(a.numel() for a in alive)
            dead = torch.stack([(~a).sum() for a in alive]).sum()
            out["dead_frac"] = float(dead) / total
        if self.sat:
            out["saturated_frac"] = float(torch.stack(self.sat).mean())
        return out


def run(job: Job, monitor: Monitor, emit: Callable[[Event], None]) -> ModelBundle:
    import torch

    build = user_callable(job)
    train, val, pre = prepared_data(job)
    cfg = {**DEFAULTS, **job.config}
    loss_name = cfg.get("loss") or ("mse" if job.metric in ("rmse", "mse", "mae") else "cross_entropy")
    task = _task(loss_name)
    torch.manual_seed(int(cfg["seed"]))
    np.random.seed(int(cfg["seed"]))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    emit(Note(text=f"torch {torch.__version__} on {device}"
              + (f" ({torch.cuda.get_device_name(0)})" if device.type == "cuda" else "")))

    feats = pre.features
    xt = torch.tensor(train[feats].to_numpy(dtype=np.float32), device=device)
    xv = torch.tensor(val[feats].to_numpy(dtype=np.float32), device=device)
    ydtype = torch.long if task == "multiclass" else torch.float32
    yt = torch.tensor(train[job.target].to_numpy(), dtype=ydtype, device=device)
    yv = torch.tensor(val[job.target].to_numpy(), dtype=ydtype, device=device)
    if task != "multiclass":
        yt, yv = yt.reshape(-1, 1), yv.reshape(-1, 1)
    y_raw_val = val[job.target].to_numpy(dtype=np.float64)
    y_raw_val = pre.inverse_target(y_raw_val) if task == "regression" else y_raw_val

    model = build(dict(cfg), len(feats))
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"{job.function} must return a torch.nn.Module, got {type(model).__name__}")
    _init_weights(torch, model, cfg["init"])
    model.to(device)
    loss_fn = {"mse": torch.nn.MSELoss(), "mae": torch.nn.L1Loss(), "bce": torch.nn.BCEWithLogitsLoss(),
               "cross_entropy": torch.nn.CrossEntropyLoss()}[loss_name]
    opt = _optimizer(torch, model.parameters(), cfg)
    sched = _scheduler(torch, opt, cfg)
    clip = float(cfg["clip_grad_norm"] or 0.0)
    patience = int(cfg["early_stopping_patience"] or 0)
    bs, n = int(cfg["batch_size"]), len(xt)
    gen = torch.Generator(device=device).manual_seed(int(cfg["seed"]))
    probe = _ActivationProbe(model)
    params = [p for p in model.parameters() if p.requires_grad]
    best: tuple[float, dict[str, Any], int] | None = None
    piles: dict[str, float] = {}  # the last evaluation's, for the diagnostics: never history columns
    since_best = 0
    monitor.start_clock()

    for _epoch in range(int(cfg["epochs"])):
        model.train()
        perm = torch.randperm(n, device=device, generator=gen)
        loss_sum = torch.zeros((), device=device)
        steps = 0
        nonfinite = False
        norms: dict[str, float] = {}
        zero_frac = None
        for start in range(0, n, bs):
            idx = perm[start:start + bs]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(_as_target(model(xt[idx]), yt[idx], task), yt[idx])
            loss.backward()
            if steps == 0:
                # Measured on the epoch's first step, before clipping and before the step: raw gradients of
                # the weights the epoch starts from, still finite when the epoch goes on to diverge.
                norms = grad_norms(model)
                zero = torch.stack([(p.grad == 0).sum() for p in params if p.grad is not None]).sum()
                zero_frac = float(zero) / max(sum(p.numel() for p in params if p.grad is not None), 1)
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(params, clip)
            opt.step()
            loss_sum += loss.detach()
            steps += 1
            if steps % _CHECK_EVERY == 0 and not bool(torch.isfinite(loss_sum)):
                nonfinite = True
                break
        train_loss = float(loss_sum) / max(steps, 1)
        values: dict[str, Any] = {"train_loss": train_loss, "lr": opt.param_groups[0]["lr"], **norms,
                                  "zero_grad_frac": zero_frac}
        if not nonfinite and math.isfinite(train_loss):
            val_loss, metric, acts = _evaluate(torch, model, xv, yv, y_raw_val, loss_fn, job.metric, task, pre,
                                               probe)
            piles = {k: acts.pop(k) for k in ("pred_at_max", "pred_at_min", "pred_distinct") if k in acts}
            values.update(val_loss=val_loss, metric=metric, **acts)
            if sched is not None:
                sched.step(val_loss) if cfg["lr_schedule"] == "plateau" else sched.step()
        monitor.log_epoch(**values)
        if patience and "val_loss" in values and math.isfinite(values["val_loss"]):
            if best is None or values["val_loss"] < best[0]:
                best = (values["val_loss"], copy.deepcopy(model.state_dict()), monitor.epoch)
                since_best = 0
            else:
                since_best += 1
                if since_best >= patience:
                    monitor.request_stop(f"early stopping: val_loss has not improved for {patience} epochs")
        if monitor.should_stop:
            break
    if best is not None and best[2] != monitor.epoch:
        model.load_state_dict(best[1])
        emit(Note(text=f"restored the weights of epoch {best[2]} (best val_loss {best[0]:.6g})"))
    model.to("cpu").eval()
    same = {**(identical_units(model) or {}), **piles}
    try:
        tables = embedding_rows(model)
    except Exception:  # noqa: BLE001 - a module that cannot be walked only forgoes the finding
        tables = []
    if tables:
        same["embeddings"] = tables
    if same:
        emit(Diagnostics(kind="torch", data=same))
    return attach_twin(ModelBundle(kind="torch", model=model, preprocess=pre, task=task,
                                   info={"loss": loss_name, "best_epoch": best[2] if best else monitor.epoch,
                                         # how the safe twin rebuilds the network around its saved weights
                                         "build": {"function": job.function, "config": dict(cfg),
                                                   "n_features": len(feats)}}), job.entry_file)


def _as_target(out: Any, y: Any, task: str) -> Any:
    """A network's output in the target's shape: a forward pass that answers ``(n,)`` where the loop holds the target
    as ``(n, 1)`` would otherwise be broadcast by the loss to an ``(n, n)`` grid of every output against every
    target, whose minimum is the mean: the network would learn a constant. Class scores are left as they are."""
    if task != "multiclass" and out.shape != y.shape and out.numel() == y.numel():
        return out.reshape(y.shape)
    return out


def _evaluate(torch: Any, model: Any, xv: Any, yv: Any, y_raw: np.ndarray, loss_fn: Any, metric: str, task: str,
              pre: Any, probe: _ActivationProbe) -> tuple[float, float, dict[str, float]]:
    model.eval()
    outs = []
    with torch.no_grad(), probe:
        for s in range(0, len(xv), _EVAL_BATCH):
            outs.append(model(xv[s:s + _EVAL_BATCH]))
    out = _as_target(torch.cat(outs), yv, task)
    val_loss = float(loss_fn(out, yv))
    acts = probe.results(torch)
    if task == "multiclass":
        pred = out.argmax(dim=1).cpu().numpy()
    elif task == "binary":
        pred = (out.reshape(-1) > 0).cpu().numpy().astype(np.float64)
    else:
        pred = pre.inverse_target(out.reshape(-1).double().cpu().numpy())
    # how constant the predictions are: the share of the most common class, or the spread against the target's
    if task == "regression":
        spread = float(np.std(pred)) / (float(np.std(y_raw)) or 1.0)
        acts["pred_spread"] = spread
        # the range the output layer produced, for the output-range probe
        acts["pred_min"], acts["pred_max"] = float(np.min(pred)), float(np.max(pred))
        acts.update(extremes(pred))
    else:
        _, counts = np.unique(pred, return_counts=True)
        acts["pred_mode_share"] = float(counts.max()) / max(len(pred), 1)
    with np.errstate(all="ignore"):
        if metric == "accuracy":
            m = float(np.mean(pred == y_raw))
        elif metric == "mae":
            m = float(np.mean(np.abs(pred - y_raw)))
        else:
            m = float(np.sqrt(np.mean((pred - y_raw) ** 2)))
    return val_loss, m, acts
