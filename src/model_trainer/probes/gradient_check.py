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


# at most this many components are checked (the largest, then a fixed sample of the rest): two evaluations of the
# objective each, so a fit of thousands of parameters pays for a few dozen
MAX_COMPONENTS = 20


def check(fun: Callable[..., Any], jac: Any, x0: Any, args: tuple[Any, ...],
          bounds: Any = None) -> dict[str, Any] | None:
    """The worst component of the analytic gradient at ``x0`` against central differences, where it is off by
    ``REL_ERROR`` or more of the larger of the two at two step sizes (an objective computed in float32 loses a small
    step in its rounding; a correct gradient agrees at one of them), the component not negligible next to the
    gradient's largest and not on a bound; None where they agree or the check cannot be made."""
    try:
        x = np.asarray(x0, dtype=float).reshape(-1)
        f = value_only(fun, jac)
        g = np.asarray(fun(x, *args)[1] if jac is True else jac(x, *args), dtype=float).reshape(-1)
        if g.shape != x.shape or not np.all(np.isfinite(g)):
            return None
        lo, hi = _bounds(bounds, len(x))
        order = list(np.argsort(-np.abs(g)))
        rest = order[MAX_COMPONENTS // 2:]
        pick = order[:MAX_COMPONENTS // 2] + list(np.random.default_rng(0).permutation(rest)[:MAX_COMPONENTS // 2])
        scale = max(float(np.max(np.abs(g))), 1e-300)
        worst: dict[str, Any] | None = None
        wrong = 0
        for i in sorted(int(j) for j in pick):
            errs, nums = [], []
            for rel in (1e-4, 1e-3):
                h = rel * max(1.0, abs(x[i]))
                if x[i] - h < lo[i] or x[i] + h > hi[i]:
                    break
                up, down = x.copy(), x.copy()
                up[i] += h
                down[i] -= h
                n = (f(up, *args) - f(down, *args)) / (2 * h)
                big = max(abs(g[i]), abs(n))
                if not np.isfinite(n) or big <= 1e-6 * scale:
                    break
                errs.append(abs(g[i] - n) / big)
                nums.append(n)
            if len(errs) == 2 and min(errs) >= REL_ERROR:
                wrong += 1
                if worst is None or min(errs) > worst["rel_error"]:
                    worst = {"index": i, "analytic": float(g[i]), "numeric": float(nums[0]),
                             "rel_error": float(min(errs))}
    except Exception:  # noqa: BLE001 - an objective the check cannot evaluate is left to the fit itself
        return None
    if worst is None:
        return None
    return {**worst, "wrong": wrong, "checked": len(pick), "params": len(x)}


def _bounds(bounds: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``minimize``'s bounds as lower and upper arrays (infinite where there is none)."""
    lo, hi = np.full(n, -np.inf), np.full(n, np.inf)
    try:
        if hasattr(bounds, "lb"):
            lo = np.broadcast_to(np.asarray(bounds.lb, float), (n,)).copy()
            hi = np.broadcast_to(np.asarray(bounds.ub, float), (n,)).copy()
        elif bounds is not None:
            for i, pair in enumerate(list(bounds)[:n]):
                a, b = (None, None) if pair is None else pair
                lo[i] = -np.inf if a is None else float(a)
                hi[i] = np.inf if b is None else float(b)
    except (TypeError, ValueError):
        pass
    return lo, hi
