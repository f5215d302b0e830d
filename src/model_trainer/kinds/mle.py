"""``kind = "mle"``: maximum likelihood with scipy on the user's ``PARAMS``, ``negative_log_likelihood``
and ``predict``.

The fit is ``mle/optimise.py`` (one history row per optimiser iteration: train NLL, validation RMSE through
``predict``, gradient norm); then this module records what a statistician would check, as the run's
``Diagnostics`` (``rec.diagnostics``): the optimiser's word, identifiability from the estimates, stationarity
and parameter scaling, the columns the likelihood reads, non-finite values, the estimates table and findings
(bounds, residual bias by group). Overflow and other floating-point warnings are raised as Python warnings, so
they reach the log.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.bundle import ModelBundle
from model_trainer.detect import thresholds as T
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import prepared_data, user_callable
from model_trainer.mle.columns import reads_column, scales, used_columns
from model_trainer.mle.fixes import fix_candidates
from model_trainer.mle.guard import non_finite_neighbours
from model_trainer.mle.identify import analyse
from model_trainer.mle.optimise import Fit, fit, gradient, rmse
from model_trainer.mle.profile import profile
from model_trainer.mle.profile import worst as profile_worst
from model_trainer.mle.reparam import MLE_REPAIRS, Reparam
from model_trainer.mle.residuals import residual_bias, residual_structure
from model_trainer.mle.stationarity import scaling, stationarity
from model_trainer.mle.table import bound_findings, estimates_table
from model_trainer.safemodel import attach_twin


def _knobs() -> object:
    from model_trainer.kinds import Knobs

    # the fit's own loop reads max_iter whether or not the spec lists it, so a repair may always raise it
    return Knobs(loop=("max_iter",), defaults={"max_iter": 500})


KNOBS = _knobs()


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
    bias = residual_bias(module, result.theta, val, target)
    if bias:
        out["residuals_by_group"] = bias
    if target:
        full = Reparam.build(list(module.PARAMS), {})
        folds = np.array_split(np.arange(len(train)), 3)
        scores: dict[str, list[float]] = {"full": [], "repaired": []}
        for k, held in enumerate(folds):
            fit_rows = np.concatenate([f for j, f in enumerate(folds) if j != k])
            part, test = train.iloc[fit_rows], train.iloc[held]
            for name, r in (("full", full), ("repaired", rep)):
                f = fit(module, r, part, max_iter=300)
                scores[name].append(rmse(module, f.theta, test, target) or float("nan"))
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
    t0 = time.monotonic()
    result = fit(module, rep, train, val=val, target=job.target, log=monitor.log_epoch, max_iter=max_iter)
    fit_s = time.monotonic() - t0
    opt = result.optimizer
    emit(Note(text=f"mle: {result.method} finished after {result.iterations} iterations ({opt['nfev']} likelihood "
                   f"evaluations): {result.message}"))
    info = diagnose_fit(module, rep, result, train, val, job.target, fit_seconds=fit_s)
    if reparam_spec:
        info["validation"] = validate(module, rep, result, train, val, job.target)
    emit(Diagnostics(kind="mle", data=info))
    model = MLEModel(job.entry_file, job.module_name, rep.names, [float(v) for v in result.theta], info)
    bundle = ModelBundle(kind="mle", model=model, preprocess=pre, info={"estimates": info["estimates_table"]})
    return attach_twin(bundle, job.entry_file)


def flat_to_bounds(info: dict[str, Any], bounds: dict[str, tuple[float | None, float | None]]) -> None:
    """Marks as not identifiable each parameter whose standard error is wider than ``MLE_SE_RANGE`` times the
    whole range its bounds allow: the likelihood is flat along it up to a bound (a coefficient on a variable that
    separates the outcomes runs off towards the bound), so the data do not determine it there, whatever the
    matrix's condition number on the estimates' own scale says.

    >>> info = {"se": {"a": 0.1, "b": 1511.0}, "weak": [], "singular": False}
    >>> flat_to_bounds(info, {"a": (-20.0, 20.0), "b": (-20.0, 20.0)})
    >>> [(w["name"], w["reason"]) for w in info["weak"]], info["singular"], info["non_identifiable"]
    ([('b', 'flat to its bounds')], True, True)
    """
    seen = {w["name"] for w in info.get("weak", [])}
    for name, (lo, hi) in bounds.items():
        se = (info.get("se") or {}).get(name)
        if name in seen or lo is None or hi is None or not isinstance(se, float) or not math.isfinite(se):
            continue
        if se > T.MLE_SE_RANGE * (hi - lo):
            info.setdefault("weak", []).append({"name": name, "reason": "flat to its bounds", "se": se,
                                                "bounds": [lo, hi], "with": []})
    if len(info.get("weak", [])) > len(seen):
        info["n_weak"] = len(info["weak"])
        info["non_identifiable"] = info["singular"] = True


def diagnose_fit(module: Any, rep: Reparam, result: Fit, train: pd.DataFrame, val: pd.DataFrame,
                 target: str | None, fit_seconds: float | None = None) -> dict[str, Any]:
    """What the fit records (``Diagnostics`` data, ``rec.diagnostics``): the optimiser's word, the
    identifiability analysis, stationarity and scaling, the columns the likelihood uses, non-finite values,
    the estimates table, and findings a statistician would state (bounds, residual bias by group)."""
    def objective(z: np.ndarray) -> float:
        theta = rep.to_theta(z)
        with np.errstate(all="ignore"):
            return float(module.negative_log_likelihood(theta, train)) + rep.penalty(theta)

    names = rep.slot_names()
    # each coordinate's own magnitude: 1 on a log scale (SE of log theta is theta's relative SE), else default
    info = analyse(objective, result.z, names, scale=np.where(rep.log, 1.0, 0.0))
    opt = result.optimizer
    n, k = len(train), rep.n_free
    slot_values = [float(result.theta[s[0]]) for s in rep.slots]
    estimates = dict(zip(names, slot_values, strict=True))
    info["se"] = _user_scale_se(rep, info.get("se") or {}, slot_values)
    info.update(nll=result.nll, aic=2 * k + 2 * result.nll, bic=k * math.log(max(n, 1)) + 2 * result.nll,
                n_obs=n, method=result.method, iterations=result.iterations, reparam=rep.describe(),
                val_rmse=rmse(module, result.theta, val, target), estimates=estimates, optimizer=opt)
    # the optimiser's word, and whether the point it returned is one the likelihood is defined at
    info["optimizer_converged"] = bool(opt["success"] and not opt["hit_iteration_limit"] and opt["nll_finite"])
    info["converged"] = info["optimizer_converged"]
    info["nll_finite"] = opt["nll_finite"]
    info["non_finite"] = result.non_finite | {"next_to_estimates": non_finite_neighbours(objective, result.z, names)}
    if info["finite"]:
        H = np.asarray(info["hessian_diag"])
        g = gradient(objective, result.z)
        info["stationarity"] = stationarity(g, H, result.z, rep.bounds(), names)
        # curvature per unit of the user's parameter: d theta = s dz (rescaled), theta dz (log scale)
        unit = np.array([v if lg else sc for lg, sc, v in zip(rep.log, rep.scale_factors(), slot_values, strict=True)])
        info["scaling"] = scaling(H / np.where(unit != 0, unit, 1.0) ** 2, names, estimates)
    start = [float(np.mean(rep.init[s])) for s in rep.slots]
    info["unmoved"] = [nm for nm, v, v0 in zip(names, slot_values, start, strict=True)
                       if abs(v - v0) <= 1e-9 * max(1.0, abs(v0))]
    info["poorly_determined"] = [nm for nm, r in info["relative_se"].items() if not r <= T.MLE_REL_SE_LIMIT]
    info["n_poorly_determined"] = len(info["poorly_determined"])
    flat_to_bounds(info, rep.slot_bounds())
    if info["singular"] and info["n_params"] <= T.MLE_PROFILE_MAX_FREE:
        worst = profile_worst(info["relative_se"], names)
        budget = max(T.MLE_PROFILE_MIN_S, T.MLE_PROFILE_FIT_MULT * (fit_seconds or 0.0))
        deadline = time.monotonic() + budget
        info["profiles"] = [profile(objective, result.z, i, names[i], rep.bounds(), log=rep.log[i],
                                    scale=float(rep.scale_factors()[i]), deadline=deadline) for i in worst]
        if any(p["stopped_early"] for p in info["profiles"]):
            info["profiles_stopped"] = (f"the profiles stopped after {budget:.1f} s ({T.MLE_PROFILE_FIT_MULT:g} "
                                        "times the fit's own time, at least MLE_PROFILE_MIN_S); their points reached "
                                        "are kept")
    elif info["singular"]:
        info["profiles_skipped"] = (f"{info['n_params']} free parameters (profiles are computed up to "
                                    f"{T.MLE_PROFILE_MAX_FREE}); the information-matrix evidence stands alone")
    info["reparam_options"] = {"groups": len(rep.ridge_groups),
                               "covariates": sum(p.get("covariate") is not None for p in module.PARAMS),
                               "positive": sum(not lg and bool(np.all(rep.lower[s] >= 0) and np.all(rep.init[s] > 0))
                                               for s, lg in zip(rep.slots, rep.log, strict=True))}
    if info["singular"] and info["n_params"] <= T.MLE_FIX_MAX_FREE:
        info["fix_candidates"] = fix_candidates(objective, rep, result.z, info["weak"])
    used = used_columns(module.negative_log_likelihood, result.theta, train)
    info["columns"] = used | {"scales": scales(train, used["used"], target)}
    if target and target in used["unused"]:
        # unread at the estimates: at the starting values too, or only where the fit ended (a degenerate optimum)?
        try:
            info["columns"]["target_read_at_start"] = reads_column(module.negative_log_likelihood,
                                                                   np.asarray(rep.init, dtype=float), train, target)
        except Exception:  # noqa: BLE001 - a check that could not be made says nothing
            info["columns"]["target_read_at_start"] = None
    table = estimates_table(estimates, info["se"], rep.slot_bounds(), nll=result.nll, aic=info["aic"],
                            bic=info["bic"], n_obs=n)
    info["estimates_table"] = table
    info["at_bounds"] = bound_findings(table)
    bias = residual_bias(module, result.theta, val, target)
    if bias:
        info["residuals_by_group"] = bias
    if target and target in val.columns:
        # a check of the fit, never a reason for the fit to fail: a predict that raises here is reported by the
        # validation score, and a column nothing can be binned by is skipped
        with np.errstate(all="ignore"):
            try:
                pred = np.asarray(module.predict(result.theta, val), dtype=float).reshape(-1)
                structure = (residual_structure(val[target].to_numpy(dtype=float) - pred, val, target)
                             if len(pred) == len(val) else None)
            except Exception:  # noqa: BLE001
                structure = None
        if structure:
            info["residual_structure"] = structure
    info["findings"] = [b["text"] for b in info["at_bounds"]] + (bias or {}).get("findings", [])
    return info


def _user_scale_se(rep: Reparam, se: dict[str, float], values: list[float]) -> dict[str, float]:
    """Standard errors of the user's parameters: the delta method through exp() for log-scale coordinates,
    times the factor for rescaled ones."""
    out = {}
    for (name, s), lg, sc, v in zip(se.items(), rep.log, rep.scale_factors(), values, strict=False):
        out[name] = float(s * abs(v)) if lg else float(s * sc)
    return out
