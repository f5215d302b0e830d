"""Train against validation: are the target and the features distributed alike on both splits, and does each
feature go with the target alike on both?

A shift of the mean by more than ``SHIFT_SD`` training standard deviations, or a spread changed by more than
``SPREAD_RATIO`` times, is reported: a unit change, a different preparation, or a split that is not random.
``relation_shifts``: a feature whose correlation with the target differs between the splits beyond any sampling
noise (a column recorded after the outcome in one file and before it in the other, a count that includes the event
it should predict) means something else in each file, whatever its distribution.

Example:
    >>> import pandas as pd
    >>> t = pd.DataFrame({"x": [1.0, 2, 3, 4]}); v = pd.DataFrame({"x": [1000.0, 2000, 3000, 4000]})
    >>> shifted_columns(t, v, ["x"])[0]["column"]
    'x'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

# One training standard deviation between the means is far beyond sampling noise for splits of even a few dozen
# rows (the standard error of a mean is sd/sqrt(n)); a 3x change of spread is what a unit change or a forgotten
# scaling produces, not sampling.
SHIFT_SD = 1.0
SPREAD_RATIO = 3.0


def shifted_columns(train: pd.DataFrame, val: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = []
    for c in columns:
        if c not in train or c not in val or not pd.api.types.is_numeric_dtype(train[c]):
            continue
        a, b = train[c].to_numpy(dtype=float), val[c].to_numpy(dtype=float)
        a, b = a[np.isfinite(a)], b[np.isfinite(b)]
        if len(a) < 3 or len(b) < 3:
            continue
        sa, sb = float(a.std()), float(b.std())
        if sa <= 0:
            continue
        shift = abs(float(b.mean()) - float(a.mean())) / sa
        ratio = max(sb, 1e-300) / sa
        if shift >= SHIFT_SD or ratio >= SPREAD_RATIO or ratio <= 1 / SPREAD_RATIO:
            _, counts = np.unique(a, return_counts=True)
            out.append({"column": c, "train_mean": float(a.mean()), "val_mean": float(b.mean()),
                        "train_std": sa, "val_std": sb, "shift_sd": shift, "spread_ratio": ratio,
                        "mode_share": float(counts.max() / len(a))})
    return sorted(out, key=lambda d: -d["shift_sd"])


# A difference of two correlations this many standard errors apart (Fisher's z, Fisher 1921) is beyond sampling
# noise on any split (p < 1e-8), and one of RELATION_DIFF or more is a change of meaning, not of strength: a lag
# column that is yesterday's value in one file and ten days' old in the other moves r from 0.73 to 0.89 (0.16). It
# flags a file only beside a second sign: the references scoring SPLIT_GAP_RATIO times worse on validation than on
# held-out training rows (detect/invalid_data.py)
RELATION_Z = 6.0
RELATION_DIFF = 0.15
RELATION_MIN_ROWS = 30


def relation_shifts(train: pd.DataFrame, val: pd.DataFrame, features: list[str],
                    target: str | None) -> list[dict[str, Any]]:
    """Features whose Pearson correlation with the target differs between the splits by at least ``RELATION_DIFF``
    and ``RELATION_Z`` standard errors, largest difference first. Read for a numeric target or two classes (a
    correlation with arbitrary class codes means nothing).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y, yv = rng.integers(0, 2, 500), rng.integers(0, 2, 300)
    >>> t = pd.DataFrame({"n": y * 3 + rng.poisson(0.3, 500), "y": y})
    >>> v = pd.DataFrame({"n": rng.poisson(0.3, 300), "y": yv})
    >>> [(d["column"], round(d["train_r"], 2) > 0.9, abs(d["val_r"]) < 0.2) for d in relation_shifts(t, v, ["n"], "y")]
    [('n', True, True)]
    """
    if not target or target not in train or target not in val:
        return []
    y, yv = train[target].to_numpy(dtype=float), val[target].to_numpy(dtype=float)
    values = np.unique(y[np.isfinite(y)])
    if 2 < len(values) <= 20 and np.all(np.mod(values, 1) == 0):
        return []  # class codes beyond two (or a count of a few values, read as one)
    out = []
    for c in features:
        if c not in train or c not in val or not pd.api.types.is_numeric_dtype(train[c]):
            continue
        r = []
        for frame, target_values in ((train, y), (val, yv)):
            x = frame[c].to_numpy(dtype=float)
            ok = np.isfinite(x) & np.isfinite(target_values)
            if ok.sum() < RELATION_MIN_ROWS or np.std(x[ok]) <= 0 or np.std(target_values[ok]) <= 0:
                break
            r.append((float(np.corrcoef(x[ok], target_values[ok])[0, 1]), int(ok.sum())))
        if len(r) < 2:
            continue
        (rt, nt), (rv, nv) = r
        clip = 1 - 1e-9
        z = abs(np.arctanh(np.clip(rt, -clip, clip)) - np.arctanh(np.clip(rv, -clip, clip))) / np.sqrt(
            1 / (nt - 3) + 1 / (nv - 3))
        if z >= RELATION_Z and abs(rt - rv) >= RELATION_DIFF:
            out.append({"column": c, "train_r": rt, "val_r": rv, "z": float(z), "train_rows": nt, "val_rows": nv})
    return sorted(out, key=lambda d: -abs(d["train_r"] - d["val_r"]))
