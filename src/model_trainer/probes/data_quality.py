"""Values that stand for something else: a missing-value code in a feature, a target recorded in another unit.

- ``missing_code``: a value repeated in at least ``CODE_MIN_ROWS`` rows (and ``CODE_MIN_SHARE`` of them) that lies
  far outside the column's other values (more than ``CODE_FAR`` times their 1-99% range beyond it), where those
  values are many and none of them holds half the rows: -999 for a canopy volume of 5 to 60 m³. A model reads it as
  a real, extreme measurement.
- ``target_outliers``: training targets more than ``TARGET_OUTLIER_MADS`` robust standard deviations (1.4826 x the
  median absolute deviation) from the median, in at most ``TARGET_OUTLIER_SHARE`` of the rows, and at least
  ``TARGET_OUTLIER_GAP`` times as far from it as any other target: a weight in grams among weights in kilograms.
  A heavy tail (incomes, claims) reaches that far too, but continuously, with no gap. Or a missing-value code in
  the target (``missing_code``'s rule, in any share of the rows; ``"code"`` in the result): -999 for a lost sample
  among concentrations of 0 to 10 mg/L, a value no model should be trained to predict.

Example:
    >>> import numpy as np
    >>> x = np.r_[np.linspace(5, 60, 90), [-999.0] * 10]
    >>> missing_code(x)
    -999.0
    >>> missing_code(np.linspace(5, 60, 100)) is None
    True
    >>> missing_code(np.r_[np.zeros(90), [0.5] * 4, [16.0] * 6]) is None   # a pixel mostly blank
    True
    >>> y = np.r_[np.linspace(300, 600, 294), [410e3, 520e3, 380e3, 450e3, 470e3, 500e3]]
    >>> target_outliers(y)["count"]
    6
    >>> target_outliers(np.random.default_rng(0).pareto(1.5, 5000) + 1) is None
    True
    >>> lost = target_outliers(np.r_[np.linspace(0.1, 10, 1100), [-999.0] * 70])
    >>> lost["code"], lost["count"], lost["low"], lost["high"]
    (-999.0, 70, 0.1, 10.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model_trainer.detect import thresholds as T

# the codes data sets use for "not measured": named as such when found
KNOWN_CODES = (-9999.0, -999.0, -99.0, 999.0, 9999.0, 99999.0)
_SAMPLE = 50_000


def missing_code(values: np.ndarray) -> float | None:
    """The value standing for a missing measurement in this column, or None."""
    x = np.asarray(values, dtype=np.float64)
    x = x[np.isfinite(x)]
    if len(x) < 20:
        return None
    if len(x) > _SAMPLE:
        # a code in 0.5% of the rows still shows hundreds of times in the sample; sorting millions per column would not
        x = np.random.default_rng(0).choice(x, _SAMPLE, replace=False)
    uniq, counts = np.unique(x, return_counts=True)
    need = max(T.CODE_MIN_ROWS, T.CODE_MIN_SHARE * len(x))
    for i in np.argsort(-counts):
        if counts[i] < need:
            break
        v = float(uniq[i])
        rest = x[x != v]
        r_vals, r_counts = np.unique(rest, return_counts=True)
        if len(r_vals) < 10 or r_counts.max() > 0.5 * len(rest):
            continue  # a sparse or discrete column (a pixel mostly blank): its rare values are levels, not codes
        lo, hi = np.percentile(rest, [1, 99])
        span = hi - lo
        if span > 0 and (v < lo - T.CODE_FAR * span or v > hi + T.CODE_FAR * span):
            return v
    return None


def missing_codes(train: Any, val: Any, features: list[str]) -> dict[str, dict[str, Any]]:
    """Column -> {"value", "train", "val", "known", "lines"} for every numeric feature holding a missing-value code
    (found on both splits together); ``lines`` are the first training file lines holding it (header = line 1)."""
    import pandas as pd

    out: dict[str, dict[str, Any]] = {}
    for c in features:
        if not (pd.api.types.is_numeric_dtype(train[c]) and pd.api.types.is_numeric_dtype(val[c])):
            continue
        tr, va = train[c].to_numpy(dtype=np.float64), val[c].to_numpy(dtype=np.float64)
        code = missing_code(np.r_[tr, va])
        if code is None:
            continue
        rows = np.flatnonzero(tr == code)
        out[c] = {"value": code, "train": len(rows), "val": int((va == code).sum()),
                  "known": code in KNOWN_CODES, "lines": [int(r) + 2 for r in rows[:5]]}
    return out


def target_outliers(y: np.ndarray) -> dict[str, Any] | None:
    """The training targets far beyond the rest, with the bounds that keep the others, or None."""
    y = np.asarray(y, dtype=np.float64)
    ok = np.isfinite(y)
    if ok.sum() < 20:
        return None
    med = float(np.median(y[ok]))
    scale = 1.4826 * float(np.median(np.abs(y[ok] - med)))
    if not scale > 0:
        return None
    low, high = med - T.TARGET_OUTLIER_MADS * scale, med + T.TARGET_OUTLIER_MADS * scale
    far = ok & ((y < low) | (y > high))
    k = int(far.sum())
    dist = np.abs(y - med)
    # a tail that runs on continuously to its extremes is no outlier
    if (k == 0 or k > T.TARGET_OUTLIER_SHARE * ok.sum()
            or dist[far].min() < T.TARGET_OUTLIER_GAP * dist[ok & ~far].max()):
        code = missing_code(y[ok])
        if code is None:
            return None
        far = ok & (y == code)
        low, high = float(np.min(y[ok & ~far])), float(np.max(y[ok & ~far]))
        k = int(far.sum())
    else:
        code = None
    rows = np.flatnonzero(far)
    ratio = float(np.max(np.abs(y[far])) / abs(med)) if med != 0 else None
    out = {"count": k, "rows": int(ok.sum()), "median": med, "low": low, "high": high,
           "values": [float(v) for v in y[rows[:5]]], "lines": [int(r) + 2 for r in rows[:5]], "ratio": ratio}
    if code is not None:
        out["code"] = code
    return out
