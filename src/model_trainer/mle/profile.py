"""Profile likelihood: the NLL along one parameter with all the others re-optimised.

A profile that rises less than chi2(1, 0.95)/2 = 1.92 over a factor ``MLE_PROFILE_SPAN`` either side of the
estimate is flat: the data cannot fix the parameter, whatever the information matrix's rounding says. This is
the proof to quote for a non-identifiable parameter (Raue et al. 2009).

Example:
    >>> import numpy as np
    >>> f = lambda z: (z[0] * z[1] - 2.0) ** 2          # only the product is determined
    >>> p = profile(f, np.array([1.0, 2.0]), 0, "a", [(None, None)] * 2)
    >>> p["flat"], p["max_rise"] < 1.92
    (True, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from model_trainer.detect import thresholds as T


def grid(value: float, lower: float | None, upper: float | None, span: float = T.MLE_PROFILE_SPAN,
         points: int = T.MLE_PROFILE_POINTS) -> list[float]:
    """Values from value/span to value*span (value -+ span for an estimate at zero), inside the bounds."""
    if value > 0:
        lo, hi = value / span, value * span
    elif value < 0:
        lo, hi = value * span, value / span
    else:
        lo, hi = -span, span
    if lower is not None:
        lo = max(lo, lower)
    if upper is not None:
        hi = min(hi, upper)
    left = np.linspace(lo, value, points + 1)[:-1]
    right = np.linspace(value, hi, points + 1)[1:]
    return [float(v) for v in np.concatenate([left, right]) if v != value]


def profile(f: Callable[[np.ndarray], float], z: np.ndarray, i: int, name: str,
            bounds: list[tuple[float | None, float | None]], max_iter: int = 200, log: bool = False,
            scale: float = 1.0, deadline: float | None = None) -> dict[str, Any]:
    """The profile of coordinate ``i`` of ``f`` around the optimum ``z``.

    Each point fixes ``z[i]`` and re-optimises the rest (L-BFGS-B, warm-started from the previous point).
    ``max_rise`` is the largest NLL increase over the range; ``flat`` is true when it stays under
    MLE_PROFILE_DELTA on both sides. ``lower_drop`` is the largest decrease: a profile that finds a better
    NLL than the fit shows the fit did not reach the optimum. ``log``/``scale`` say how the coordinate maps to
    the user's parameter (``exp(z)``, ``scale * z``); the range is a factor MLE_PROFILE_SPAN either way on the
    user's scale and the values are reported there. Past ``deadline`` (``time.monotonic()``) no further point is
    computed: ``stopped_early`` says so, and ``flat`` is then only claimed from the points reached.
    """
    import time

    from scipy import optimize  # imported here: the supervisor reads this package without fitting

    f0 = float(f(z))
    others = [k for k in range(len(z)) if k != i]
    sub_bounds = [bounds[k] for k in others]
    points: list[dict[str, float]] = []
    if log:
        step = math.log(T.MLE_PROFILE_SPAN) / T.MLE_PROFILE_POINTS
        values = [float(z[i] + k * step) for k in range(-T.MLE_PROFILE_POINTS, T.MLE_PROFILE_POINTS + 1) if k]
        values = [v for v in values if (bounds[i][0] is None or v >= bounds[i][0])
                  and (bounds[i][1] is None or v <= bounds[i][1])]
    else:
        values = grid(float(z[i]), bounds[i][0], bounds[i][1])
    stopped = False
    for side in ([v for v in values if v < z[i]][::-1], [v for v in values if v > z[i]]):
        start = z[others].copy()
        for v in side:
            if deadline is not None and time.monotonic() > deadline:
                stopped = True
                break
            def sub(w: np.ndarray, v: float = v) -> float:
                full = z.copy()
                full[others] = w
                full[i] = v
                val = float(f(full))
                return val if math.isfinite(val) else f0 + 1e6 * (1.0 + abs(f0))
            if others:
                res = optimize.minimize(sub, start, method="L-BFGS-B", bounds=sub_bounds, options={"maxiter": max_iter})
                start, val = res.x, float(res.fun)
            else:
                val = sub(np.array([]))
            points.append({"value": float(math.exp(v)) if log else v * scale, "delta_nll": val - f0})
    points.sort(key=lambda p: p["value"])
    deltas = [p["delta_nll"] for p in points]
    rise = max(deltas, default=0.0)
    est = float(math.exp(z[i])) if log else float(z[i]) * scale
    left = [p["delta_nll"] for p in points if p["value"] < est]
    right = [p["delta_nll"] for p in points if p["value"] > est]
    flat_left = bool(left) and max(left) < T.MLE_PROFILE_DELTA
    flat_right = bool(right) and max(right) < T.MLE_PROFILE_DELTA
    return {"parameter": name, "estimate": est, "from": points[0]["value"] if points else None,
            "to": points[-1]["value"] if points else None, "points": points, "max_rise": float(rise),
            "lower_drop": float(-min(min(deltas, default=0.0), 0.0)), "flat": bool(flat_left and flat_right),
            "flat_side": "both" if flat_left and flat_right else "lower" if flat_left else "upper" if flat_right
            else None, "threshold": T.MLE_PROFILE_DELTA, "stopped_early": stopped}


def worst(relative_se: dict[str, float], names: list[str], k: int = T.MLE_PROFILE_WORST) -> list[int]:
    """Indices of the k parameters with the largest relative standard error (those above the limit only)."""
    ranked = sorted(range(len(names)), key=lambda j: -relative_se.get(names[j], math.inf))
    return [j for j in ranked if relative_se.get(names[j], math.inf) > T.MLE_REL_SE_LIMIT][:k]


def line(p: dict[str, Any]) -> str:
    """A sentence for the record: the NLL change over the range, others re-optimised."""
    verdict = "flat: the data do not fix it" if p["flat"] else (
        f"flat on the {p['flat_side']} side" if p["flat_side"] else "rises on both sides")
    return (f"profile of `{p['parameter']}` from {p['from']:.4g} to {p['to']:.4g} (estimate {p['estimate']:.4g}, "
            f"the other parameters re-optimised at each point): the NLL changes by at most {p['max_rise']:+.3g} "
            f"(95% threshold {p['threshold']}) -> {verdict}")


def held(f: Callable[[np.ndarray], float], z: np.ndarray, i: int | list[int], value: float | list[float],
         bounds: list[tuple[float | None, float | None]], max_iter: int = 300) -> float:
    """The NLL change with coordinate(s) ``i`` held at ``value`` and the others re-optimised (a profile point)."""
    from scipy import optimize  # imported here: the supervisor reads this package without fitting

    idx = [i] if isinstance(i, int) else list(i)
    vals = [value] * len(idx) if not isinstance(value, list) else value
    f0 = float(f(z))
    others = [k for k in range(len(z)) if k not in idx]

    def sub(w: np.ndarray) -> float:
        full = z.copy()
        full[others] = w
        full[idx] = vals
        v = float(f(full))
        return v if math.isfinite(v) else f0 + 1e6 * (1.0 + abs(f0))

    if not others:
        return sub(np.array([])) - f0
    res = optimize.minimize(sub, z[others], method="L-BFGS-B", bounds=[bounds[k] for k in others],
                            options={"maxiter": max_iter})
    return float(res.fun) - f0
