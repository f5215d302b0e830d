"""The fit itself: bounded L-BFGS-B on the re-parameterised vector, with forward-difference gradients (cached,
so each iteration's gradient norm is logged without extra evaluations), restarted after a line search that
failed next to where the likelihood stops being finite, Powell as the last resort; the optimiser's own word
(status, message, iterations, evaluations, gradient norm, iteration limit) is kept with the result.

Example:
    >>> import types
    >>> import pandas as pd
    >>> m = types.SimpleNamespace(PARAMS=[{"name": "mu", "init": 0.0}], predict=lambda t, d: t[0] + 0 * d["y"],
    ...                           negative_log_likelihood=lambda t, d: float(((d["y"] - t[0]) ** 2).sum()))
    >>> r = fit(m, Reparam.build(m.PARAMS, {}), pd.DataFrame({"y": [1.0, 2.0, 3.0]}))
    >>> round(float(r.theta[0]), 4), r.optimizer["success"], r.optimizer["hit_iteration_limit"]
    (2.0, True, False)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.mle.guard import Guarded, non_finite_rows
from model_trainer.mle.identify import steps
from model_trainer.mle.reparam import Reparam
from model_trainer.probes.error_messages import solver_stopped


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


def rmse(module: Any, theta: np.ndarray, frame: pd.DataFrame, target: str | None) -> float | None:
    if target is None:
        return None
    with np.errstate(all="ignore"):
        pred = np.asarray(module.predict(theta, frame), dtype=float)
        return float(np.sqrt(np.mean((pred - frame[target].to_numpy(dtype=float)) ** 2)))


def fit(module: Any, rep: Reparam, train: pd.DataFrame, *, val: pd.DataFrame | None = None, target: str | None = None,
        log: Callable[..., None] | None = None, max_iter: int = 500) -> Fit:
    from scipy import optimize  # imported here: the supervisor reads this package without fitting

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
                metric=rmse(module, theta, val, target) if val is not None else None,
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
    first = optimizer_record(res, method, max_iter, cache.get("g"))
    record = first
    if not res.success:
        second = optimize.minimize(objective, res.x, method="Powell", bounds=rep.bounds(), callback=callback,
                                   options={"maxiter": max_iter})
        if second.fun < res.fun:
            res, method = second, f"Powell (after L-BFGS-B: {res.message})"
            record = optimizer_record(second, "Powell", max_iter, None) | {"first_method": first}
    z = np.asarray(res.x, dtype=float)
    theta = rep.to_theta(z)
    with np.errstate(all="ignore"):
        final = float(nll(theta, train))
    if record.get("grad_norm") is None:
        record["grad_norm"] = float(np.linalg.norm(gradient(objective, z)))
    record["nll_finite"] = math.isfinite(final)
    non_finite = objective.record()
    if objective.last_point:
        # the rows at the latest non-finite point: where the fit met the edge of the model's domain
        last_bad = np.array(list(objective.last_point["theta"].values()))
        non_finite["rows"] = non_finite_rows(nll, last_bad, train)
    return Fit(theta=theta, z=z, nll=final, iterations=int(res.nit), success=bool(res.success),
               method=method, message=str(res.message), optimizer=record, non_finite=non_finite)


def optimizer_record(res: Any, method: str, max_iter: int, grad: np.ndarray | None) -> dict[str, Any]:
    """The optimiser's own word: status, message, iterations, evaluations, gradient norm at the end."""
    nit = int(getattr(res, "nit", 0) or 0)
    msg = str(res.message)
    jac = getattr(res, "jac", None) if grad is None else grad
    limit = nit >= max_iter or solver_stopped(msg) is not None
    return {"method": method, "success": bool(res.success), "status": int(getattr(res, "status", -1) or 0),
            "message": msg, "nit": nit, "nfev": int(getattr(res, "nfev", 0) or 0),
            "grad_norm": float(np.linalg.norm(jac)) if jac is not None and np.all(np.isfinite(jac)) else None,
            "hit_iteration_limit": bool(limit), "max_iter": max_iter}


def gradient(f: Callable[[np.ndarray], float], z: np.ndarray) -> np.ndarray:
    """Central differences, with the Hessian's steps (accurate where forward differences are not)."""
    h = steps(z)
    g = np.empty_like(z)
    for i in range(len(z)):
        e = np.zeros_like(z)
        e[i] = h[i]
        g[i] = (f(z + e) - f(z - e)) / (2 * h[i])
    return g
