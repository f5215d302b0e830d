"""A block of training rows that does not follow the relationship the other rows follow.

Files stitched from two loggers, a unit changed part-way through an export, a season labelled by another team: the
rows of one stretch of the training file relate their features to the target differently. Every model fitted on
the file, the references included, then compromises between the two relationships, so a model that is no worse
than the references can still be far from what the data would give.

The check, on regression targets and class labels (accuracy) with at least ``ROW_BLOCK_MIN_ROWS`` training rows:

1. out-of-fold residuals of gradient boosting (``ROW_BLOCK_FOLDS`` shuffled folds of ``ROW_BLOCK_ITER`` rounds) on
   the training rows (for class labels: 1 where the row is misclassified, else 0);
2. their means over ``RESIDUAL_BINS`` stretches of consecutive rows: the share of the residuals' variance the
   file's order explains beyond chance, and the F test's p-value (as ``mle/residuals.residual_structure``);
3. where that share passes ``ROW_BLOCK_EXCESS`` (``ROW_BLOCK_EXCESS_LABELS`` for class labels; p <
   ``ROW_BLOCK_P``): the stretch of consecutive rows whose residuals add up furthest from zero (for class labels:
   furthest above it, the stretch misclassified more often);
4. the intervention that decides: boosting fitted without that stretch, scored on validation, against boosting
   fitted on every row. Only a stretch whose removal lowers the validation error by ``ROW_BLOCK_GAIN`` is reported.
   Residuals that drift with the file's order for other reasons (a season the features do not carry, a target that
   depends on earlier rows) do not pass it: leaving a stretch out does not help validation there.

Example:
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> x = rng.uniform(0, 10, 600); y = 2 * x + rng.normal(0, 0.5, 600)
    >>> x[:150] *= 3.6                                   # the first logger wrote another unit
    >>> xv = rng.uniform(0, 10, 200); yv = 2 * xv + rng.normal(0, 0.5, 200)
    >>> blk = row_block(x[:, None], y, xv[:, None], yv, np.arange(600), "rmse")
    >>> blk["first_line"], abs(blk["last_line"] - 151) <= 10, blk["gain"] > 0.5
    (2, True, True)
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from model_trainer.detect import thresholds as T

_REGRESSION = ("rmse", "mse", "mae", "r2")
# class labels: the residual is a misclassification (1) or not (0), and a stretch is off where boosting gets its rows
# wrong far more often than the others'
_LABELS = ("accuracy",)


def row_block(x: np.ndarray, y: np.ndarray, xv: np.ndarray, yv: np.ndarray, labels: np.ndarray, metric: str,
              seed: int = 0) -> dict[str, Any] | None:
    """The block of training rows (``labels``: the rows' labels in the file's order, line = label + 2) that the
    check above finds, or None. ``x``/``y`` are the training rows in the file's order; ``xv``/``yv`` validation."""
    # the F distribution's survival function without scipy.stats' import (half a second in a fresh process)
    from scipy.special import fdtrc
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.model_selection import KFold, cross_val_predict

    from model_trainer.probes.references import score

    classify = metric in _LABELS
    if (metric not in _REGRESSION and not classify) or len(y) < T.ROW_BLOCK_MIN_ROWS or len(yv) < 2:
        return None
    every = labels
    if len(y) > T.ROW_BLOCK_SAMPLE:
        keep = np.sort(np.random.default_rng(seed).choice(len(y), T.ROW_BLOCK_SAMPLE, replace=False))
        x, y, labels = x[keep], y[keep], labels[keep]
    if classify and not (2 <= len(np.unique(y)) <= 50 and np.allclose(y, np.round(y))):
        return None  # class labels are a handful of whole numbers
    boost = HistGradientBoostingClassifier if classify else HistGradientBoostingRegressor
    model = boost(random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = cross_val_predict(boost(max_iter=T.ROW_BLOCK_ITER, random_state=seed), x, y,
                                 cv=KFold(T.ROW_BLOCK_FOLDS, shuffle=True, random_state=seed))
    res = (pred != y).astype(np.float64) if classify else y - pred
    n = len(res)
    total = float(np.var(res))
    if not (total > 0 and math.isfinite(total)):
        return None
    bins = T.RESIDUAL_BINS
    label = np.minimum(np.arange(n) * bins // n, bins - 1)
    means = np.bincount(label, weights=res) / np.bincount(label)
    share = float(np.var(means[label]) / total)
    chance = (bins - 1) / (n - 1)
    f = (share / (bins - 1)) / max((1 - share) / (n - bins), 1e-300)
    p = float(fdtrc(bins - 1, n - bins, f))
    if share - chance < (T.ROW_BLOCK_EXCESS_LABELS if classify else T.ROW_BLOCK_EXCESS) or p >= T.ROW_BLOCK_P:
        return None
    # misclassifications have a sign: the stretch to leave out is the one boosting gets wrong more often
    a, b = _furthest_stretch(res - res.mean(), max(int(T.ROW_BLOCK_MIN_SHARE * n), 2), above_only=classify)
    rest = np.r_[0:a, b:n]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_all = score(metric, yv, model.fit(x, y).predict(xv))
        without = score(metric, yv, model.fit(x[rest], y[rest]).predict(xv))
    higher = metric in ("r2", *_LABELS)
    if not (math.isfinite(with_all) and math.isfinite(without)):
        return None
    gain = (without - with_all) / max(abs(1 - with_all), 1e-12) if higher else (with_all - without) / max(with_all,
                                                                                                          1e-300)
    if gain < T.ROW_BLOCK_GAIN:
        return None
    first, last = int(labels[a]), int(labels[b - 1])
    # the training rows in that stretch of the file, all of them where the check read a sample
    rows = int(np.count_nonzero((every >= first) & (every <= last)))
    return {"first_label": first, "last_label": last, "first_line": first + 2, "last_line": last + 2, "rows": rows,
            "rows_checked": n, "share_of_rows": (b - a) / n,
            "mean_residual_block": float(res[a:b].mean()), "mean_residual_rest": float(res[rest].mean()),
            "order_share": share, "chance": chance, "excess": share - chance, "p_value": p, "bins": bins,
            "metric": metric, "boosting_val_all_rows": float(with_all), "boosting_val_without_block": float(without),
            "gain": float(gain), "labels": classify}


def _furthest_stretch(r: np.ndarray, shortest: int, above_only: bool = False) -> tuple[int, int]:
    """[a, b): the stretch of at least ``shortest`` consecutive values whose sum lies furthest from zero
    (``above_only``: furthest above it); of two stretches within a tenth of each other (a block and the rest of the
    file around it), the shorter."""
    s = np.r_[0.0, np.cumsum(r)]
    found = []
    for t in ((s,) if above_only else (s, -s)):
        # the best end for each start i is the largest prefix sum at or after i + shortest
        best_end = np.maximum.accumulate(t[::-1])[::-1]
        gains = best_end[shortest:] - t[:len(t) - shortest]
        i = int(np.argmax(gains))
        j = i + shortest + int(np.argmax(t[i + shortest:]))
        found.append((float(gains[i]), i, j))
    found.sort(key=lambda g: -g[0])
    if len(found) == 1:
        return found[0][1], found[0][2]
    (g1, a1, b1), (g2, a2, b2) = found
    if g2 >= 0.9 * g1 and (b2 - a2) < (b1 - a1):
        return a2, b2
    return a1, b1
