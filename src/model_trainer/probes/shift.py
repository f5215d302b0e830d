"""Train against validation: are the target and the features distributed alike on both splits?

A shift of the mean by more than ``SHIFT_SD`` training standard deviations, or a spread changed by more than
``SPREAD_RATIO`` times, is reported: a unit change, a different preparation, or a split that is not random.

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
