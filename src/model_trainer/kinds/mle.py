"""``kind = "mle"``: maximum likelihood with scipy on the user's ``PARAMS``, ``negative_log_likelihood``
and ``predict``.

Bounded L-BFGS-B with a gradient by forward differences (cached, so each iteration's gradient norm is
logged without extra evaluations); Powell as the second method when L-BFGS-B does not converge. One
history row per optimizer iteration (train NLL, validation RMSE through ``predict``), then the
information-matrix analysis of ``mle/identify.py``. Overflow and other floating-point warnings are
raised as Python warnings, so they reach the log.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from model_trainer.bundle import ModelBundle
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import prepared_data, user_callable
from model_trainer.mle.identify import analyse
from model_trainer.mle.reparam import MLE_REPAIRS, Reparam
from model_trainer.safemodel import attach_twin


@dataclass
class MLEModel:
    """The fitted model: the user's module (by file) and the estimates; ``predict`` calls the user's."""
    entry_file: str | None
    module_name: str | None
    names: list[str]
    theta: list[float]
    diagnostics: dict[str, Any] = field(default_factory=dict)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        from model_trainer.engine.child import load_user_module

        module = load_user_module(self.entry_file or "", self.module_name)
        return np.asarray(module.predict(np.asarray(self.theta), frame), dtype=float)

    @property
    def estimates(self) -> dict[str, float]:
        return dict(zip(self.names, self.theta, strict=True))


@dataclass
class Fit:
    theta: np.ndarray
    z: np.ndarray
    nll: float
    iterations: int
    success: bool
    method: str
    message: str


def _rmse(module: Any, theta: np.ndarray, frame: pd.DataFrame, target: str | None) -> float | None:
    if target is None:
        return None
    with np.errstate(all="ignore"):
        pred = np.asarray(module.predict(theta, frame), dtype=float)
        return float(np.sqrt(np.mean((pred - frame[target].to_numpy(dtype=float)) ** 2)))


def fit(module: Any, rep: Reparam, train: pd.DataFrame, *, val: pd.DataFrame | None = None, target: str | None = None,
        log: Callable[..., None] | None = None, max_iter: int = 500) -> Fit:
    nll = module.negative_log_likelihood

    def objective(z: np.ndarray) -> float:
        theta = rep.to_theta(z)
        v = float(nll(theta, train)) + rep.penalty(theta)
        return v if math.isfinite(v) else 1e300

    cache: dict[str, Any] = {}

    def fun_grad(z: np.ndarray) -> tuple[float, np.ndarray]:
        f0 = objective(z)
        h = 1e-7 * np.maximum(1.0, np.abs(z))
        g = np.empty_like(z)
        for i in range(len(z)):
            zi = z.copy()
            zi[i] += h[i]
            g[i] = (objective(zi) - f0) / h[i]
        cache["g"] = g
        return f0, g

    def callback(zk: np.ndarray, *_: Any) -> None:
        if log is None:
            return
        theta = rep.to_theta(zk)
        g = cache.get("g")
        log(train_loss=float(nll(theta, train)), metric=_rmse(module, theta, val, target) if val is not None else None,
            grad_norm=float(np.linalg.norm(g)) if g is not None else None)

    z0 = rep.z0()
    res = optimize.minimize(fun_grad, z0, jac=True, method="L-BFGS-B", bounds=rep.bounds(), callback=callback,
                            options={"maxiter": max_iter})
    method = "L-BFGS-B"
    if not res.success:
        second = optimize.minimize(objective, res.x, method="Powell", bounds=rep.bounds(), callback=callback,
                                   options={"maxiter": max_iter})
        if second.fun < res.fun:
            res, method = second, f"Powell (after L-BFGS-B: {res.message})"
    z = np.asarray(res.x, dtype=float)
    theta = rep.to_theta(z)
    return Fit(theta=theta, z=z, nll=float(nll(theta, train)), iterations=int(res.nit), success=bool(res.success),
               method=method, message=str(res.message))


def validate(module: Any, rep: Reparam, result: Fit, train: pd.DataFrame, val: pd.DataFrame,
             target: str | None) -> dict[str, Any]:
    """The checks that a re-parameterisation is sound, not only convenient.

    Recovery: data simulated from the fit (the module's ``simulate``) are refitted and the estimates
    compared. Residuals by the module's ``GROUP_COLUMN`` on the validation data. Cross-validation: the
    full and the re-parameterised models on three contiguous folds of the training data.
    """
    out: dict[str, Any] = {}
    if hasattr(module, "simulate"):
        rng = np.random.default_rng(0)
        sim = module.simulate(result.theta, train.copy(), rng)
        refit = fit(module, rep, sim, max_iter=300)
        est = [result.theta[s[0]] for s in rep.slots]
        back = [refit.theta[s[0]] for s in rep.slots]
        errs = {n: (b - e) / e if e else float("nan") for n, e, b in zip(rep.slot_names(), est, back, strict=True)}
        out["recovery"] = {"relative_error": errs,
                           "max_abs_relative_error": float(np.nanmax(np.abs(list(errs.values()))))}
    group = getattr(module, "GROUP_COLUMN", None)
    if target and group and group in val.columns:
        res = val[target].to_numpy(dtype=float) - np.asarray(module.predict(result.theta, val), dtype=float)
        scale = float(np.mean(np.abs(val[target].to_numpy(dtype=float)))) or 1.0
        by = pd.Series(res).groupby(val[group].to_numpy()).mean()
        out["residuals_by_group"] = {"column": group, "mean_residual": {str(k): float(v) for k, v in by.items()},
                                     "relative_to_mean_target": {str(k): float(v / scale) for k, v in by.items()}}
    if target:
        full = Reparam.build(list(module.PARAMS), {})
        folds = np.array_split(np.arange(len(train)), 3)
        scores: dict[str, list[float]] = {"full": [], "repaired": []}
        for k, held in enumerate(folds):
            fit_rows = np.concatenate([f for j, f in enumerate(folds) if j != k])
            part, test = train.iloc[fit_rows], train.iloc[held]
            for name, r in (("full", full), ("repaired", rep)):
                f = fit(module, r, part, max_iter=300)
                scores[name].append(_rmse(module, f.theta, test, target) or float("nan"))
        out["cross_validation"] = {"folds": 3, "rmse_full": float(np.mean(scores["full"])),
                                   "rmse_repaired": float(np.mean(scores["repaired"]))}
    return out


def run(job: Job, monitor: Monitor, emit: Callable[[Event], None]) -> ModelBundle:
    module = user_callable(job)
    for attr in ("PARAMS", "negative_log_likelihood", "predict"):
        if not hasattr(module, attr):
            raise AttributeError(f"the mle module {job.entry_file or job.module_name} must define `{attr}`")
    reparam_spec = {k: job.data_repairs[k] for k in MLE_REPAIRS if k in job.data_repairs}
    data_job = Job(**{**job.__dict__, "data_repairs": {k: v for k, v in job.data_repairs.items()
                                                         if k not in MLE_REPAIRS}})
    train, val, pre = prepared_data(data_job)
    rep = Reparam.build(list(module.PARAMS), reparam_spec)
    emit(Note(text=f"mle: {len(rep.names)} parameters, {rep.n_free} free after re-parameterisation "
                   f"{rep.describe()}"))
    np.seterr(over="warn", under="warn", divide="warn", invalid="warn")
    warnings.simplefilter("default", RuntimeWarning)  # each distinct warning once, not once per evaluation
    monitor.start_clock()
    max_iter = int(job.config.get("max_iter", 500)) if isinstance(job.config.get("max_iter", 500), int) else 500
    if job.stop_after_epochs:
        max_iter = min(max_iter, job.stop_after_epochs)
    result = fit(module, rep, train, val=val, target=job.target, log=monitor.log_epoch, max_iter=max_iter)
    emit(Note(text=f"mle: {result.method} finished after {result.iterations} iterations: {result.message}"))

    def objective(z: np.ndarray) -> float:
        theta = rep.to_theta(z)
        return float(module.negative_log_likelihood(theta, train)) + rep.penalty(theta)

    info = analyse(objective, result.z, rep.slot_names())
    n = len(train)
    k = rep.n_free
    info.update(nll=result.nll, aic=2 * k + 2 * result.nll, bic=k * math.log(max(n, 1)) + 2 * result.nll,
                n_obs=n, method=result.method, converged=result.success, iterations=result.iterations,
                val_rmse=_rmse(module, result.theta, val, job.target), reparam=rep.describe(),
                estimates={nm: float(v) for nm, v in zip(rep.slot_names(), [result.theta[s[0]] for s in rep.slots],
                                                          strict=True)})
    # practical identifiability: a standard error larger than the estimate itself (or none at all)
    se = info.get("se") or {}
    info["poorly_determined"] = [n for n, v in info["estimates"].items()
                                 if not (math.isfinite(se.get(n, float("nan"))) and se[n] <= abs(v))]
    info["n_poorly_determined"] = len(info["poorly_determined"])
    if reparam_spec:
        info["validation"] = validate(module, rep, result, train, val, job.target)
    emit(Diagnostics(kind="mle", data=info))
    model = MLEModel(job.entry_file, job.module_name, rep.names, [float(v) for v in result.theta], info)
    return attach_twin(ModelBundle(kind="mle", model=model, preprocess=pre), job.entry_file)
