"""Is the returned point an optimum, and are the parameters on scales an optimiser can handle together?

An optimiser's "success" means its stopping test passed, not that the gradient vanished: L-BFGS-B stops on
a small *relative* reduction of the NLL, which a parameter thousands of times less sensitive than another can
satisfy while still far from its optimum. The test here is scale-free: the NLL decrease a Newton step on one
parameter alone would give, ``g_i^2 / (2 H_ii)``. A coordinate at an active bound with its gradient pointing
out of the feasible set is a constrained optimum, not a failure.

Example:
    >>> import numpy as np
    >>> s = stationarity(np.array([0.0, 30.0]), np.array([1.0, 2.0]), np.array([1.0, 1.0]),
    ...                  [(None, None), (None, None)], ["a", "b"])
    >>> s["stationary"], s["worst"], s["newton_gain"]["b"]
    (False, 'b', 225.0)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from model_trainer.detect import thresholds as T


def stationarity(grad: np.ndarray, hess_diag: np.ndarray, z: np.ndarray,
                 bounds: list[tuple[float | None, float | None]], names: list[str]) -> dict[str, Any]:
    gains: dict[str, float] = {}
    for i, name in enumerate(names):
        g, h = float(grad[i]), float(hess_diag[i])
        lo, hi = bounds[i]
        # at a bound with the slope pointing outward: the constraint, not the optimiser, holds it there
        if lo is not None and abs(z[i] - lo) <= 1e-9 * max(1.0, abs(lo)) and g > 0:
            continue
        if hi is not None and abs(z[i] - hi) <= 1e-9 * max(1.0, abs(hi)) and g < 0:
            continue
        if not (math.isfinite(g) and math.isfinite(h)) or h <= 0:
            continue
        gains[name] = g * g / (2 * h)
    worst = max(gains, key=lambda k: gains[k]) if gains else None
    top = gains[worst] if worst else 0.0
    return {"newton_gain": gains, "worst": worst, "max_gain": top, "stationary": bool(top <= T.MLE_NEWTON_GAIN),
            "threshold": T.MLE_NEWTON_GAIN}


def scaling(hess_diag: np.ndarray, names: list[str], estimates: dict[str, float]) -> dict[str, Any]:
    """The spread of the parameters' natural step sizes ``1/sqrt(H_ii)`` (the change that moves the NLL by about
    one half), in orders of magnitude; a gap of MLE_SCALE_GAP_ORDERS or more is a scaling problem."""
    steps = {n: 1.0 / math.sqrt(h) for n, h in zip(names, hess_diag, strict=True) if math.isfinite(h) and h > 0}
    if len(steps) < 2:
        return {"step": steps, "orders": 0.0, "gap": False, "smallest": None, "largest": None}
    small = min(steps, key=lambda k: steps[k])
    large = max(steps, key=lambda k: steps[k])
    orders = math.log10(steps[large] / steps[small])
    mags = {n: abs(v) for n, v in estimates.items() if v}
    return {"step": steps, "orders": orders, "gap": bool(orders >= T.MLE_SCALE_GAP_ORDERS), "smallest": small,
            "largest": large, "estimate_orders": math.log10(max(mags.values()) / min(mags.values()))
            if len(mags) >= 2 else 0.0, "threshold_orders": T.MLE_SCALE_GAP_ORDERS}
