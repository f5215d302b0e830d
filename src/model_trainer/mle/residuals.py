"""Residual checks a statistician makes after a fit: bias by group (the model systematically off for one kind of unit,
a city type, a region: groups whose mean residual exceeds MLE_RESIDUAL_BIAS of the mean target are findings) and
structure along each column (``residual_structure``: the residuals trend with a column, so the mean function misses
how the target depends on it).

Example:
    >>> import types
    >>> import numpy as np
    >>> import pandas as pd
    >>> m = types.SimpleNamespace(GROUP_COLUMN="g", predict=lambda t, d: np.full(len(d), 10.0))
    >>> val = pd.DataFrame({"g": ["a", "a", "b", "b"], "y": [10.0, 10.0, 14.0, 14.0]})
    >>> residual_bias(m, [0.0], val, "y")["findings"][0][:28]
    'residual bias: `g` = b: mean'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from model_trainer.detect import thresholds as T


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


def residual_structure(residuals: np.ndarray, frame: pd.DataFrame, target: str | None) -> dict[str, Any] | None:
    """For each numeric column but the target: the share of the residuals' variance that their means over
    ``RESIDUAL_BINS`` quantile bins of the column explain (the correlation ratio), what bins explain by chance, and
    the one-way F test's p-value; ``worst``: the column with the largest share beyond chance.

    >>> x = np.linspace(0.0, 1.0, 400)
    >>> r = residual_structure(np.sin(6 * x), pd.DataFrame({"x": x, "y": x}), "y")
    >>> r["worst"], r["columns"]["x"]["share"] > 0.9
    ('x', True)
    """
    # the F distribution's survival function without scipy.stats' import (half a second in a fresh process)
    from scipy.special import fdtrc

    res = np.asarray(residuals, dtype=float)
    ok = np.isfinite(res)
    n = int(ok.sum())
    total = float(np.var(res[ok])) if n > 2 else 0.0
    if total <= 0:
        return None
    cols: dict[str, dict[str, float]] = {}
    for c in frame.columns:
        if c == target or not pd.api.types.is_numeric_dtype(frame[c]):
            continue
        x = frame[c].to_numpy(dtype=float)[ok]
        if not np.all(np.isfinite(x)):
            continue
        values = np.unique(x)
        if len(values) < 2:
            continue
        if len(values) <= T.RESIDUAL_BINS:
            label = np.searchsorted(values, x)
        else:
            edges = np.unique(np.quantile(x, np.linspace(0.0, 1.0, T.RESIDUAL_BINS + 1)[1:-1]))
            label = np.searchsorted(edges, x, side="right")
        means = pd.Series(res[ok]).groupby(label).transform("mean").to_numpy()
        bins = len(np.unique(label))
        if bins < 2 or n <= bins:
            continue  # one value holds every quantile: nothing to bin by
        share = float(np.var(means) / total)
        chance = (bins - 1) / (n - 1)
        p = float(fdtrc(bins - 1, n - bins, (share / (bins - 1)) / max((1 - share) / (n - bins), 1e-300)))
        cols[str(c)] = {"share": share, "chance": chance, "excess": share - chance, "p_value": p, "bins": bins,
                        "levels": len(values), "integer": bool(np.all(values == np.round(values)))}
    if not cols:
        return None
    worst = max(cols, key=lambda k: cols[k]["excess"])
    return {"columns": cols, "worst": worst, "rows": n, "threshold": T.MLE_RESIDUAL_STRUCTURE,
            "p_threshold": T.MLE_RESIDUAL_P}
