"""Residual bias by group: a statistician's check that the model is not systematically off for one kind of unit
(a city type, a region). Groups whose mean residual exceeds MLE_RESIDUAL_BIAS of the mean target are findings.

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
