"""An objective the optimiser can trust: non-finite likelihood values become a penalty it steps back from,
and every one is recorded (the parameter values, and the rows that made it non-finite).

Returning a huge constant (1e300) for a ``log(0)`` wrecks the finite-difference gradient around it and can
leave the optimiser at a wrong point; a penalty just above the worst finite value seen, rising with the
distance from the last finite point, sends the line search back the way it came.

Example:
    >>> import numpy as np
    >>> g = Guarded(lambda z: float(np.log(z[0])) if z[0] > 0 else float("nan"), ["a"])
    >>> g(np.array([1.0])), g(np.array([-1.0])) > 0, g.count
    (0.0, True, 1)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

MAX_RECORDED = 5


class Guarded:
    def __init__(self, f: Callable[[np.ndarray], float], names: list[str],
                 to_theta: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        self.f = f
        self.names = names
        self.to_theta = to_theta or (lambda z: z)
        self.count = 0
        self.evaluations = 0
        self.points: list[dict[str, Any]] = []   # the first few non-finite points, as parameter values
        self.worst = -math.inf
        self.last_finite: np.ndarray | None = None
        self.last_point: dict[str, Any] | None = None  # the latest non-finite point: the edge the fit ran into

    def __call__(self, z: np.ndarray) -> float:
        self.evaluations += 1
        # floating-point warnings are left to surface: an overflow in the user's likelihood is evidence
        try:
            v = float(self.f(z))
        except (FloatingPointError, ZeroDivisionError, OverflowError, ValueError):
            v = math.nan
        if math.isfinite(v):
            self.worst = max(self.worst, v)
            self.last_finite = np.array(z, dtype=float)
            return v
        self.count += 1
        theta = self.to_theta(np.asarray(z, dtype=float))
        self.last_point = {"value": repr(v), "theta": {n: float(t) for n, t in zip(self.names, theta, strict=False)}}
        if len(self.points) < MAX_RECORDED:
            self.points.append(self.last_point)
        return self.penalty(z)

    def penalty(self, z: np.ndarray) -> float:
        base = self.worst if math.isfinite(self.worst) else 0.0
        dist = 0.0 if self.last_finite is None else float(np.linalg.norm(np.asarray(z) - self.last_finite))
        return base + (1.0 + abs(base)) * (1.0 + dist)

    def record(self) -> dict[str, Any]:
        return {"non_finite_evaluations": self.count, "evaluations": self.evaluations, "points": self.points,
                "last_point": self.last_point}


def non_finite_rows(nll: Callable[[Any, pd.DataFrame], float], theta: Any, frame: pd.DataFrame,
                    limit: int = MAX_RECORDED) -> list[int]:
    """Index labels of the rows whose own NLL at ``theta`` is not finite, found by halving (the NLL is a sum over
    rows); at most ``limit`` rows. A frame read from a CSV keeps its labels through the tool's preparation, so
    label + 2 is the file's line (the header is line 1)."""
    found: list[int] = []
    keep = []  # the subsets stay alive: a user cache keyed by id(frame) must not see a recycled id

    def bad(rows: np.ndarray) -> bool:
        part = frame.iloc[rows]
        keep.append(part)
        try:
            with np.errstate(all="ignore"):
                return not math.isfinite(float(nll(theta, part)))
        except Exception:  # noqa: BLE001 - whatever the user's code raises on these rows marks them
            return True

    stack = [np.arange(len(frame))]
    while stack and len(found) < limit:
        rows = stack.pop()
        if not len(rows) or not bad(rows):
            continue
        if len(rows) == 1:
            found.append(_label(frame.index[rows[0]]))
            continue
        mid = len(rows) // 2
        stack += [rows[mid:], rows[:mid]]
    return sorted(found)


def _label(v: Any) -> int | str:
    try:
        return int(v)
    except (TypeError, ValueError):
        return str(v)


def non_finite_neighbours(f: Callable[[np.ndarray], float], z: np.ndarray, names: list[str]) -> list[str]:
    """``+name``/``-name`` for each one-step move from the estimates (the Hessian's steps) where the likelihood
    is not finite: the fit stopped against the edge of where the model is defined."""
    h = 1e-4 * np.maximum(np.abs(z), 1e-2)  # the Hessian's steps (mle/identify.steps)
    out = []
    for i, name in enumerate(names):
        for sign in (1.0, -1.0):
            e = np.zeros_like(z)
            e[i] = sign * h[i]
            with np.errstate(all="ignore"):
                if not math.isfinite(f(z + e)):
                    out.append(("+" if sign > 0 else "-") + name)
    return out
