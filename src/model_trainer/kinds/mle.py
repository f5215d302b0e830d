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
from model_trainer.detect import thresholds as T
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import prepared_data, user_callable
from model_trainer.mle.columns import scales, used_columns
from model_trainer.mle.guard import Guarded, non_finite_rows
from model_trainer.mle.identify import analyse, steps
from model_trainer.mle.profile import held, profile
from model_trainer.mle.profile import worst as profile_worst
from model_trainer.mle.reparam import MLE_REPAIRS, Reparam
from model_trainer.mle.stationarity import scaling, stationarity
from model_trainer.mle.table import bound_findings, estimates_table


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
    optimizer: dict[str, Any] = field(default_factory=dict)
    non_finite: dict[str, Any] = field(default_factory=dict)


def _rmse(module: Any, theta: np.ndarray, frame: pd.DataFrame, target: str | None) -> float | None:
    if target is None:
        return None
    with np.errstate(all="ignore"):
        pred = np.asarray(module.predict(theta, frame), dtype=float)
        return float(np.sqrt(np.mean((pred - frame[target].to_numpy(dtype=float)) ** 2)))


def fit(module: Any, rep: Reparam, train: pd.DataFrame, *, val: pd.DataFrame | None = None, target: str | None = None,
        log: Callable[..., None] | None = None, max_iter: int = 500) -> Fit:
    nll = module.negative_log_likelihood

    def raw(z: np.ndarray) -> float:
        theta = rep.to_theta(z)
        return float(nll(theta, train)) + rep.penalty(theta)

    objective = Guarded(raw, rep.names, rep.to_theta)
    cache: dict[str, Any] = {}

    def fun_grad(z: np.ndarray) -> tuple[float, np.ndarray]:
        bad_before = objective.count
        f0 = objective(z)
        if objective.count > bad_before:  # a penalty point: its slope leads back to the last finite point
            last = objective.last_finite if objective.last_finite is not None else z
            d = z - last
            g = d * (f0 - objective.worst) / max(float(d @ d), 1e-300) if np.any(d) else np.zeros_like(z)
            cache["g"] = g
            return f0, g
        h = 1e-7 * np.maximum(1.0, np.abs(z))
        g = np.empty_like(z)
        for i in range(len(z)):
            zi = z.copy()
            before = objective.count
            zi[i] += h[i]
            fi = objective(zi)
            if objective.count > before:  # the forward point is not finite: difference backwards instead
                zi[i] -= 2 * h[i]
                g[i] = (f0 - objective(zi)) / h[i]
            else:
                g[i] = (fi - f0) / h[i]
        cache["g"] = g
        return f0, g

    def callback(zk: np.ndarray, *_: Any) -> None:
        if log is None:
            return
        theta = rep.to_theta(zk)
        g = cache.get("g")
        with np.errstate(all="ignore"):
            log(train_loss=float(nll(theta, train)),
                metric=_rmse(module, theta, val, target) if val is not None else None,
                grad_norm=float(np.linalg.norm(g)) if g is not None else None)

    z0 = rep.z0()
    res = optimize.minimize(fun_grad, z0, jac=True, method="L-BFGS-B", bounds=rep.bounds(), callback=callback,
                            options={"maxiter": max_iter})
    method = "L-BFGS-B"
    restarts = 0
    used = int(res.nit)
    # a line search that failed next to where the likelihood stops being finite: restart from the last point
    # with a fresh curvature estimate (its memory of the far side is what misled it), while that still helps
    while not res.success and "ABNORMAL" in str(res.message) and restarts < 3 and used < max_iter:
        again = optimize.minimize(fun_grad, res.x, jac=True, method="L-BFGS-B", bounds=rep.bounds(),
                                  callback=callback, options={"maxiter": max_iter - used})
        restarts += 1
        used += int(again.nit)
        improved = again.fun < res.fun - 1e-12 * (1 + abs(res.fun))
        res = again if improved or again.success else res
        if not improved:
            break
    res.nit = used
    method = "L-BFGS-B" + (f" ({restarts} restart{'s' if restarts > 1 else ''})" if restarts else "")
    first = _optimizer_record(res, method, max_iter, cache.get("g"))
    record = first
    if not res.success:
        second = optimize.minimize(objective, res.x, method="Powell", bounds=rep.bounds(), callback=callback,
                                   options={"maxiter": max_iter})
        if second.fun < res.fun:
            res, method = second, f"Powell (after L-BFGS-B: {res.message})"
            record = _optimizer_record(second, "Powell", max_iter, None) | {"first_method": first}
    z = np.asarray(res.x, dtype=float)
    theta = rep.to_theta(z)
    with np.errstate(all="ignore"):
        final = float(nll(theta, train))
    if record.get("grad_norm") is None:
        record["grad_norm"] = float(np.linalg.norm(_gradient(objective, z)))
    record["nll_finite"] = math.isfinite(final)
    non_finite = objective.record()
    if objective.last_point:
        # the rows at the latest non-finite point: where the fit met the edge of the model's domain
        last_bad = np.array(list(objective.last_point["theta"].values()))
        non_finite["rows"] = non_finite_rows(nll, last_bad, train)
    return Fit(theta=theta, z=z, nll=final, iterations=int(res.nit), success=bool(res.success),
               method=method, message=str(res.message), optimizer=record, non_finite=non_finite)


def _optimizer_record(res: Any, method: str, max_iter: int, grad: np.ndarray | None) -> dict[str, Any]:
    """The optimiser's own word: status, message, iterations, evaluations, gradient norm at the end."""
    nit = int(getattr(res, "nit", 0) or 0)
    msg = str(res.message)
    jac = getattr(res, "jac", None) if grad is None else grad
    limit = nit >= max_iter or "ITERATIONS REACHED LIMIT" in msg.upper() or "maximum number of iterations" in msg
    return {"method": method, "success": bool(res.success), "status": int(getattr(res, "status", -1) or 0),
            "message": msg, "nit": nit, "nfev": int(getattr(res, "nfev", 0) or 0),
            "grad_norm": float(np.linalg.norm(jac)) if jac is not None and np.all(np.isfinite(jac)) else None,
            "hit_iteration_limit": bool(limit), "max_iter": max_iter}


def _non_finite_neighbours(f: Callable[[np.ndarray], float], z: np.ndarray, names: list[str]) -> list[str]:
    """``+name``/``-name`` for each one-step move from the estimates (the Hessian's steps) where the likelihood
    is not finite: the fit stopped against the edge of where the model is defined."""
    h = steps(z)
    out = []
    for i, name in enumerate(names):
        for sign in (1.0, -1.0):
            e = np.zeros_like(z)
            e[i] = sign * h[i]
            with np.errstate(all="ignore"):
                if not math.isfinite(f(z + e)):
                    out.append(("+" if sign > 0 else "-") + name)
    return out


def _gradient(f: Callable[[np.ndarray], float], z: np.ndarray) -> np.ndarray:
    """Central differences, with the Hessian's steps (accurate where forward differences are not)."""
    h = steps(z)
    g = np.empty_like(z)
    for i in range(len(z)):
        e = np.zeros_like(z)
        e[i] = h[i]
        g[i] = (f(z + e) - f(z - e)) / (2 * h[i])
    return g


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
    opt = result.optimizer
    emit(Note(text=f"mle: {result.method} finished after {result.iterations} iterations ({opt['nfev']} likelihood "
                   f"evaluations): {result.message}"))
    info = diagnose_fit(module, rep, result, train, val, job.target)
    if reparam_spec:
        info["validation"] = validate(module, rep, result, train, val, job.target)
    emit(Diagnostics(kind="mle", data=info))
    model = MLEModel(job.entry_file, job.module_name, rep.names, [float(v) for v in result.theta], info)
    return ModelBundle(kind="mle", model=model, preprocess=pre, info={"estimates": info["estimates_table"]})


def diagnose_fit(module: Any, rep: Reparam, result: Fit, train: pd.DataFrame, val: pd.DataFrame,
                 target: str | None) -> dict[str, Any]:
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
                val_rmse=_rmse(module, result.theta, val, target), estimates=estimates, optimizer=opt)
    # the optimiser's word, and whether the point it returned is one the likelihood is defined at
    info["optimizer_converged"] = bool(opt["success"] and not opt["hit_iteration_limit"] and opt["nll_finite"])
    info["converged"] = info["optimizer_converged"]
    info["nll_finite"] = opt["nll_finite"]
    info["non_finite"] = result.non_finite | {"next_to_estimates": _non_finite_neighbours(objective, result.z, names)}
    if info["finite"]:
        H = np.asarray(info["hessian_diag"])
        g = _gradient(objective, result.z)
        info["stationarity"] = stationarity(g, H, result.z, rep.bounds(), names)
        # curvature per unit of the user's parameter: d theta = s dz (rescaled), theta dz (log scale)
        unit = np.array([v if lg else sc for lg, sc, v in zip(rep.log, rep._scales(), slot_values, strict=True)])
        info["scaling"] = scaling(H / np.where(unit != 0, unit, 1.0) ** 2, names, estimates)
    start = [float(np.mean(rep.init[s])) for s in rep.slots]
    info["unmoved"] = [nm for nm, v, v0 in zip(names, slot_values, start, strict=True)
                       if abs(v - v0) <= 1e-9 * max(1.0, abs(v0))]
    info["poorly_determined"] = [nm for nm, r in info["relative_se"].items() if not r <= T.MLE_REL_SE_LIMIT]
    info["n_poorly_determined"] = len(info["poorly_determined"])
    if info["singular"] and info["n_params"] <= T.MLE_PROFILE_MAX_FREE:
        worst = profile_worst(info["relative_se"], names)
        info["profiles"] = [profile(objective, result.z, i, names[i], rep.bounds(), log=rep.log[i],
                                    scale=float(rep._scales()[i])) for i in worst]
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
    table = estimates_table(estimates, info["se"], rep.slot_bounds(), nll=result.nll, aic=info["aic"],
                            bic=info["bic"], n_obs=n)
    info["estimates_table"] = table
    info["at_bounds"] = bound_findings(table)
    bias = residual_bias(module, result.theta, val, target)
    if bias:
        info["residuals_by_group"] = bias
    info["findings"] = [b["text"] for b in info["at_bounds"]] + (bias or {}).get("findings", [])
    return info


def fix_candidates(objective: Callable[[np.ndarray], float], rep: Reparam, z: np.ndarray,
                   weak: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For the first two pairs the data cannot tell apart: each member held at 0 (dropped) and at 1 (a neutral
    factor), inside its bounds, with the others re-optimised; the NLL change says whether the value is
    supported (below chi2(1, 0.95)/2, it is)."""
    names = rep.slot_names()
    pairs: list[tuple[str, str]] = []
    for w in weak:
        if w["reason"] != "no data support" and w["with"]:
            pair = tuple(sorted((w["name"], w["with"][0])))
            if pair not in pairs:
                pairs.append(pair)  # type: ignore[arg-type]
    out = []
    bounds = rep.bounds()
    for pair in pairs[:2]:
        for p in pair:
            i = names.index(p)
            if len(rep.slots[i]) != 1 or rep.log[i]:
                continue  # a tier or a log-scale coordinate: holding it at 0 or 1 means something else
            partner = pair[1] if p == pair[0] else pair[0]
            for v in (0.0, 1.0):
                zv = v / float(rep._scales()[i])
                lo, hi = bounds[i]
                if (lo is not None and zv < lo) or (hi is not None and zv > hi):
                    continue
                out.append({"parameter": p, "partner": partner, "value": v,
                            "delta_nll": held(objective, z, i, zv, bounds)})
    return sorted(out, key=lambda c: c["delta_nll"])


def _user_scale_se(rep: Reparam, se: dict[str, float], values: list[float]) -> dict[str, float]:
    """Standard errors of the user's parameters: the delta method through exp() for log-scale coordinates,
    times the factor for rescaled ones."""
    out = {}
    for (name, s), lg, sc, v in zip(se.items(), rep.log, rep._scales(), values, strict=False):
        out[name] = float(s * abs(v)) if lg else float(s * sc)
    return out


def residual_bias(module: Any, theta: np.ndarray, val: pd.DataFrame, target: str | None) -> dict[str, Any] | None:
    """Mean validation residual by the module's ``GROUP_COLUMN``, relative to the mean target; groups beyond
    MLE_RESIDUAL_BIAS are findings (the model is systematically off for them)."""
    group = getattr(module, "GROUP_COLUMN", None)
    if not (target and group and group in val.columns):
        return None
    with np.errstate(all="ignore"):
        res = val[target].to_numpy(dtype=float) - np.asarray(module.predict(theta, val), dtype=float)
    scale = float(np.mean(np.abs(val[target].to_numpy(dtype=float)))) or 1.0
    by = pd.Series(res).groupby(val[group].to_numpy()).mean()
    rel = {str(k): float(v / scale) for k, v in by.items()}
    findings = [f"residual bias: `{group}` = {k}: mean residual {by[kk]:+.4g} ({rel[k]:+.1%} of the mean "
                f"`{target}`), beyond the {T.MLE_RESIDUAL_BIAS:.0%} line: the model "
                f"{'under' if rel[k] > 0 else 'over'}-predicts this group"
                for kk, k in ((kk, str(kk)) for kk in by.index) if abs(rel[k]) > T.MLE_RESIDUAL_BIAS]
    return {"column": group, "mean_residual": {str(k): float(v) for k, v in by.items()},
            "relative_to_mean_target": rel, "threshold": T.MLE_RESIDUAL_BIAS, "findings": findings}
