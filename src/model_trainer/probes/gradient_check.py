"""An analytic gradient the code hands to ``scipy.optimize.minimize`` (``jac=True`` or a function), checked against
central finite differences of the objective at the starting point.

A gradient with a wrong sign or factor in one component sends a quasi-Newton method along directions the objective
does not fall in: its line search fails ("ABNORMAL_TERMINATION_IN_LNSRCH") or it stops early at a poor point, with
no warning and no NaN. The check costs two evaluations of the objective per parameter, once per fit.

Example:
    >>> import numpy as np
    >>> f = lambda x: float((x[0] - 1.0) ** 2 + 3.0 * (x[1] + 2.0) ** 2)
    >>> good = lambda x: np.array([2.0 * (x[0] - 1.0), 6.0 * (x[1] + 2.0)])
    >>> bad = lambda x: np.array([2.0 * (x[0] - 1.0), -6.0 * (x[1] + 2.0)])
    >>> check(f, good, np.zeros(2), ()) is None
    True
    >>> check(f, bad, np.zeros(2), ())["index"]
    1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

# a component whose analytic and finite-difference values differ by more than this share of the larger is wrong:
# central differences agree with a correct gradient to many digits on a smooth objective
REL_ERROR = 0.1


def value_only(fun: Callable[..., Any], jac: Any) -> Callable[..., float]:
    """The objective's value alone, where ``jac=True`` makes ``fun`` return ``(value, gradient)``."""
    if jac is True:
        return lambda x, *a: float(np.asarray(fun(x, *a)[0]))
    return lambda x, *a: float(np.asarray(fun(x, *a)))


def check(fun: Callable[..., Any], jac: Any, x0: Any, args: tuple[Any, ...]) -> dict[str, Any] | None:
    """The worst component of the analytic gradient at ``x0`` against central differences, where it is off by
    ``REL_ERROR`` or more of the larger of the two (and the component is not negligible next to the gradient's
    largest); None where they agree or the check cannot be made."""
    try:
        x = np.asarray(x0, dtype=float).reshape(-1)
        f = value_only(fun, jac)
        g = np.asarray(fun(x, *args)[1] if jac is True else jac(x, *args), dtype=float).reshape(-1)
        if g.shape != x.shape or not np.all(np.isfinite(g)):
            return None
        num = np.empty_like(x)
        for i in range(len(x)):
            h = 1e-6 * max(1.0, abs(x[i]))
            up, down = x.copy(), x.copy()
            up[i] += h
            down[i] -= h
            num[i] = (f(up, *args) - f(down, *args)) / (2 * h)
    except Exception:  # noqa: BLE001 - an objective the check cannot evaluate is left to the fit itself
        return None
    if not np.all(np.isfinite(num)):
        return None
    scale = max(float(np.max(np.abs(num))), float(np.max(np.abs(g))), 1e-300)
    big = np.maximum(np.abs(g), np.abs(num))
    err = np.where(big > 1e-6 * scale, np.abs(g - num) / np.maximum(big, 1e-300), 0.0)
    i = int(np.argmax(err))
    if err[i] < REL_ERROR:
        return None
    return {"index": i, "analytic": float(g[i]), "numeric": float(num[i]), "rel_error": float(err[i]),
            "wrong": int(np.sum(err >= REL_ERROR)), "params": len(x)}
