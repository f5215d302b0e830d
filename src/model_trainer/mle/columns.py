"""Which data columns the likelihood depends on: perturb one column, see if the NLL moves.

Data probes (feature scales, constant columns) judge only these: a column the likelihood never reads says
nothing about the fit, however unscaled it is.

Example:
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "unused": [1e6, 2e6, 3e6], "y": [2.0, 4.0, 6.0]})
    >>> nll = lambda theta, d: float(((d["y"] - theta[0] * d["x"]) ** 2).sum())
    >>> used_columns(nll, [1.5], frame)["used"]
    ['x', 'y']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.detect import thresholds as T


def _perturbed(col: pd.Series) -> pd.Series:
    """The column with every value changed: shifted by one std (plus one) if numeric, rows rotated otherwise."""
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        v = col.to_numpy(dtype=float)
        std = float(np.nanstd(v)) if len(v) else 0.0
        return pd.Series(v + (std if math.isfinite(std) else 0.0) + 1.0, index=col.index, name=col.name)
    return pd.Series(np.roll(col.to_numpy(), 1), index=col.index, name=col.name)


def used_columns(nll: Callable[[Any, pd.DataFrame], float], theta: Any, frame: pd.DataFrame) -> dict[str, Any]:
    """``used``/``unused`` column names, and ``errors`` for columns whose perturbation made the NLL raise
    (counted as used: the likelihood reads them) or non-finite (used too)."""
    with np.errstate(all="ignore"):
        base = float(nll(theta, frame))
    used: list[str] = []
    unused: list[str] = []
    errors: dict[str, str] = {}
    tol = T.MLE_COLUMN_USE_REL * (1.0 + abs(base)) if math.isfinite(base) else 0.0
    keep = []  # hold each copy until the end: a user cache keyed by id(frame) must not see a recycled id
    for c in frame.columns:
        copy = frame.copy()
        copy[c] = _perturbed(frame[c])
        keep.append(copy)
        try:
            with np.errstate(all="ignore"):
                v = float(nll(theta, copy))
        except Exception as exc:  # noqa: BLE001 - the user's code read the column and failed on the new values
            errors[str(c)] = f"{type(exc).__name__}: {exc}"
            used.append(str(c))
            continue
        if not math.isfinite(v) or not math.isfinite(base) or abs(v - base) > tol:
            used.append(str(c))
        else:
            unused.append(str(c))
    return {"used": used, "unused": unused, "errors": errors, "method": "each column shifted by one standard "
            "deviation plus one (non-numeric: rows rotated); used when the NLL at the estimates moves"}


def reads_column(nll: Callable[[Any, pd.DataFrame], float], theta: Any, frame: pd.DataFrame, column: str) -> bool:
    """Whether the NLL at ``theta`` moves when ``column`` changes (or fails on it): ``used_columns`` for one column,
    at other parameter values (a fit can sit where a column no longer matters: a binomial at p = 0.5 everywhere)."""
    with np.errstate(all="ignore"):
        base = float(nll(theta, frame))
        copy = frame.copy()
        copy[column] = _perturbed(frame[column])
        try:
            v = float(nll(theta, copy))
        except Exception:  # noqa: BLE001 - it read the column and failed on the new values
            return True
    tol = T.MLE_COLUMN_USE_REL * (1.0 + abs(base)) if math.isfinite(base) else 0.0
    return not math.isfinite(v) or not math.isfinite(base) or abs(v - base) > tol


def scales(frame: pd.DataFrame, columns: list[str], target: str | None) -> dict[str, Any]:
    """Standard deviations of the used numeric columns (the target excluded) and their max/min spread."""
    stds = {}
    for c in columns:
        if c == target or c not in frame or not pd.api.types.is_numeric_dtype(frame[c]):
            continue
        s = float(frame[c].std())
        if math.isfinite(s) and s > 0:
            stds[c] = s
    spread = max(stds.values()) / min(stds.values()) if len(stds) >= 2 else 1.0
    return {"std": stds, "spread": float(spread)}
