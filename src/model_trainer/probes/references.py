"""Quick references a model is judged against (CONTRACT §7): what a few seconds of standard tools reach.

On the spec's own train/validation split, scored in the spec's metric on validation:

- ``constant``: the best constant (mean for rmse/mse/r2, median for mae, the majority class for accuracy/f1, a
  constant score for auc),
- ``linear``: a standardised linear (ridge) or logistic regression,
- ``boosting``: scikit-learn's ``HistGradientBoostingRegressor``/``Classifier`` with its defaults, fitted on at
  most ``SAMPLE_ROWS`` training rows.

``held_out`` holds the linear and boosting references again, fitted on four fifths of those training rows and
scored on the other fifth: what they reach on rows distributed as the training split is. A validation score far
worse than that says the validation split is distributed or prepared differently (``detect/invalid_data.py``).

Where a reference cannot apply (no target, a metric it cannot be scored in, too few rows) its value is ``None``
and ``skipped`` says why; nothing is ever guessed.

Example:
    >>> import pandas as pd, numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=200); df = pd.DataFrame({"x": x, "y": 3 * x + rng.normal(0, 0.1, 200)})
    >>> ref = references(df[:150], df[150:], ["x"], "y", "rmse")
    >>> ref.values["linear"] < 0.2 < ref.values["constant"]
    True
"""

from __future__ import annotations

import hashlib
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# Enough rows for boosting to be a fair reference and few enough to fit in seconds on one core.
SAMPLE_ROWS = 20_000
# Metrics the references can be scored in; anything else is the user's own and is skipped.
METRICS = ("rmse", "mse", "mae", "r2", "accuracy", "auc", "f1")
_CLASSIFICATION = ("accuracy", "auc", "f1")
_MIN_ROWS = 5
# a fifth of fewer training rows than this is too few to score a reference on
HELD_OUT_MIN_ROWS = 50
# how the references are fitted, in the cache key of ``data_report.json``: 2 keeps rows missing a feature value
REFERENCES_VERSION = 2


@dataclass
class References:
    metric: str
    values: dict[str, float | None] = field(default_factory=dict)   # constant / linear / boosting
    skipped: dict[str, str] = field(default_factory=dict)           # reference -> why it was not fitted
    rows_used: int = 0
    seconds: float = 0.0
    # linear / boosting fitted on 4/5 of the training rows, scored on the other 1/5 (where there are enough rows)
    held_out: dict[str, float | None] = field(default_factory=dict)
    # a block of training rows off the relationship the others follow (``probes/row_blocks.py``), or None
    row_block: dict[str, Any] | None = None
    # where some rows miss a feature value: the references on every row with a target, the linear one filling
    # training medians in and boosting taking the gaps as they are (what a model that handles them is judged by;
    # ``values`` holds those on the complete rows, what a run that drops them is judged by); None where none is missing
    with_missing: dict[str, float | None] | None = None

    def best(self, higher_is_better: bool) -> tuple[str, float] | None:
        """The best fitted reference, as (name, value)."""
        vals = [(k, v) for k, v in self.values.items() if v is not None and math.isfinite(v)]
        if not vals:
            return None
        return max(vals, key=lambda kv: kv[1]) if higher_is_better else min(vals, key=lambda kv: kv[1])


def _constant(y: np.ndarray, n: int, metric: str) -> np.ndarray:
    """The constant predictor's answer for ``n`` rows: the training split's majority class, else its mean (its median
    for mae)."""
    if metric in _CLASSIFICATION:
        values, counts = np.unique(y, return_counts=True)
        return np.full(n, values[counts.argmax()])
    return np.full(n, float(np.median(y)) if metric == "mae" else float(np.mean(y)))


def _with_missing(train: pd.DataFrame, val: pd.DataFrame, numeric: list[str], target: str, metric: str,
                  models: dict[str, Any], seed: int, complete: dict[str, float | None]) -> dict[str, float | None]:
    """The references on every row whose target is known, rows missing a feature value included (``References
    .with_missing``); a reference not fitted on the complete rows is not fitted here either."""
    from sklearn.base import clone
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline

    def rows(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        x = frame[numeric].to_numpy(dtype=np.float64)
        y = frame[target].to_numpy(dtype=np.float64)
        keep = np.isfinite(y)
        x = np.where(np.isfinite(x), x, np.nan)[keep]
        return x, y[keep]
    x, y = rows(train.sample(SAMPLE_ROWS, random_state=seed) if len(train) > SAMPLE_ROWS else train)
    xv, yv = rows(val)
    out: dict[str, float | None] = dict.fromkeys(complete)
    out["constant"] = complete.get("constant") if metric == "auc" else score(metric, yv, _constant(y, len(yv), metric))
    for name, model in models.items():
        if complete.get(name) is None:
            continue
        # the linear reference cannot take a gap: it fills the training median in, as the simplest imputer would
        m = make_pipeline(SimpleImputer(strategy="median"), clone(model)) if name == "linear" else clone(model)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                m.fit(x, y)
                v = score(metric, yv, m.predict(xv), m.predict_proba(xv) if metric == "auc" else None)
            out[name] = v if math.isfinite(v) else None
        except Exception:  # noqa: BLE001 - one not fitted here is left out, as on the complete rows
            out[name] = None
    return out


def data_hash(paths: list[Path], *extra: Any) -> str:
    """A hash of the data files' bytes and what selects from them: references are recomputed when either changes."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    h.update(repr(extra).encode())
    return h.hexdigest()[:16]


def score(metric: str, y: np.ndarray, pred: np.ndarray, proba: np.ndarray | None = None) -> float:
    """The spec's metric of ``pred`` (or, for auc, of ``proba``) against ``y``, as the tool computes it.

    scikit-learn is imported only for f1 and auc: a run's child scores its model with this, and importing
    scikit-learn there costs more than a small training (about 1.4 s on one core)."""
    if metric == "rmse":
        return float(np.sqrt(np.mean((y - pred) ** 2)))
    if metric == "mse":
        return float(np.mean((y - pred) ** 2))
    if metric == "mae":
        return float(np.mean(np.abs(y - pred)))
    if metric == "r2":
        ss_tot, ss_res = float(np.sum((y - np.mean(y)) ** 2)), float(np.sum((y - pred) ** 2))
        if ss_tot == 0:
            return 1.0 if ss_res == 0 else 0.0  # as scikit-learn's r2_score (force_finite) scores a constant target
        return 1.0 - ss_res / ss_tot
    if metric == "accuracy":
        return float(np.mean(y == pred))
    from sklearn import metrics as M

    if metric == "f1":
        return float(M.f1_score(y, pred, average="binary" if len(np.unique(y)) <= 2 else "macro"))
    if metric == "auc":
        if proba is None:
            raise ValueError("auc needs scores")
        if proba.ndim == 2 and proba.shape[1] == 2:
            proba = proba[:, 1]
        return float(M.roc_auc_score(y, proba, multi_class="ovr") if proba.ndim == 2 else M.roc_auc_score(y, proba))
    raise ValueError(f"metric {metric!r} is not one the references can be scored in ({', '.join(METRICS)})")


# a column of words with at most this many values (a region, a weekday, a faculty) enters the references as one
# indicator per value; one with more (a date, an id) says nothing a reference could use without feature engineering
MAX_LEVELS = 20


def with_indicators(train: pd.DataFrame, val: pd.DataFrame, columns: list[str],
                    max_levels: int = MAX_LEVELS) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """``train`` and ``val`` with one 0/1 column per training value of each column of words in ``columns`` that
    has at most ``max_levels`` of them, and the new columns' names: the references then see what a region's name
    tells a model of the user's own (a value only validation holds is all zeros).

    >>> t = pd.DataFrame({"region": ["n", "s", "n"], "date": ["d1", "d2", "d3"], "x": [1.0, 2.0, 3.0]})
    >>> v = pd.DataFrame({"region": ["s", "e"], "date": ["d4", "d5"], "x": [4.0, 5.0]})
    >>> t2, v2, names = with_indicators(t, v, ["region", "date"], max_levels=2)
    >>> names, v2["region=s"].tolist(), v2["region=n"].tolist()
    (['region=n', 'region=s'], [1.0, 0.0], [0.0, 0.0])
    """
    names: list[str] = []
    train, val = train.copy(), val.copy()
    for c in columns:
        if c not in train or c not in val:
            continue
        levels = sorted(map(str, train[c].dropna().unique()))
        if not 2 <= len(levels) <= max_levels:
            continue
        for level in levels:
            name = f"{c}={level}"
            train[name] = (train[c].astype(str) == level).astype(float)
            val[name] = (val[c].astype(str) == level).astype(float)
            names.append(name)
    return train, val, names


def references(train: pd.DataFrame, val: pd.DataFrame, features: list[str], target: str | None,
               metric: str, seed: int = 0, held_out: bool = True, blocks: bool = True) -> References:
    """The references on this split; ``held_out`` False skips their held-out scores (a second fit of each), which
    only a split shifted between training and validation is checked with; ``blocks`` False skips the check for a
    block of training rows (``probes/row_blocks.py``)."""
    import time

    t0 = time.monotonic()
    out = References(metric=metric, values={"constant": None, "linear": None, "boosting": None})

    def skip_all(why: str) -> References:
        out.skipped = dict.fromkeys(out.values, why)
        return out

    if target is None:
        return skip_all("no target column in [data]")
    if metric not in METRICS:
        return skip_all(f"metric `{metric}` is the user's own; the references are scored in {', '.join(METRICS)}")
    numeric = [c for c in features if pd.api.types.is_numeric_dtype(train[c])]
    cols = [*numeric, target]

    def finite_rows(frame: pd.DataFrame) -> pd.DataFrame:
        arr = frame[cols].to_numpy(dtype=np.float64)
        return frame[np.isfinite(arr).all(axis=1)]

    tr, va = finite_rows(train), finite_rows(val)
    if len(tr) < _MIN_ROWS or len(va) < 2:
        return skip_all(f"too few rows with finite values ({len(tr)} train, {len(va)} validation)")
    y, yv = tr[target].to_numpy(dtype=np.float64), va[target].to_numpy(dtype=np.float64)
    classify = metric in _CLASSIFICATION
    if classify and (len(np.unique(y)) > 50 or not np.allclose(y, np.round(y))):
        return skip_all(f"metric `{metric}` needs class labels; `{target}` is continuous")
    if classify and len(np.unique(y)) < 2:
        return skip_all(f"`{target}` has one class in the training split")
    in_order = tr
    if len(tr) > SAMPLE_ROWS:
        tr = tr.sample(SAMPLE_ROWS, random_state=seed)
        y = tr[target].to_numpy(dtype=np.float64)
    out.rows_used = len(tr)
    x, xv = tr[numeric].to_numpy(dtype=np.float64), va[numeric].to_numpy(dtype=np.float64)

    if metric == "auc":
        two = len(np.unique(y)) == 2
        out.values["constant"] = 0.5 if two else None
        if not two:
            out.skipped["constant"] = "auc of a constant score is undefined beyond two classes"
    else:
        out.values["constant"] = score(metric, yv, _constant(y, len(yv), metric))

    if not numeric:
        out.skipped["linear"] = out.skipped["boosting"] = "no numeric feature column"
        out.seconds = time.monotonic() - t0
        return out
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression, RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    models = {
        "linear": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000) if classify
                                else RidgeCV(alphas=np.logspace(-4, 2, 7))),
        "boosting": (HistGradientBoostingClassifier(random_state=seed) if classify
                     else HistGradientBoostingRegressor(random_state=seed)),
    }
    for name, model in models.items():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.fit(x, y)
                pred = model.predict(xv)
                proba = model.predict_proba(xv) if metric == "auc" else None
            v = score(metric, yv, pred, proba)
            out.values[name] = v if math.isfinite(v) else None
        except Exception as exc:  # noqa: BLE001 - a reference that cannot be fitted is skipped and said so
            out.values[name] = None
            out.skipped[name] = f"{type(exc).__name__}: {exc}"[:200]
    rows_with_target = (np.isfinite(train[target].to_numpy(dtype=np.float64)).sum(),
                        np.isfinite(val[target].to_numpy(dtype=np.float64)).sum())
    if rows_with_target[0] > len(in_order) or rows_with_target[1] > len(va):
        out.with_missing = _with_missing(train, val, numeric, target, metric, models, seed, out.values)
    if held_out and len(y) >= HELD_OUT_MIN_ROWS:
        from sklearn.base import clone

        cut = np.random.default_rng(seed).permutation(len(y))
        k = len(y) // 5
        test, fit = cut[:k], cut[k:]
        for name, model in models.items():
            if out.values[name] is None or (classify and len(np.unique(y[fit])) < 2):
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    m = clone(model).fit(x[fit], y[fit])
                    proba = m.predict_proba(x[test]) if metric == "auc" else None
                    v = score(metric, y[test], m.predict(x[test]), proba)
                out.held_out[name] = v if math.isfinite(v) else None
            except Exception:  # noqa: BLE001 - no held-out score is only a check not made
                out.held_out[name] = None
    if blocks and out.values["boosting"] is not None and metric in ("rmse", "mse", "mae", "r2", "accuracy"):
        from model_trainer.probes.row_blocks import row_block

        try:
            out.row_block = row_block(in_order[numeric].to_numpy(dtype=np.float64),
                                      in_order[target].to_numpy(dtype=np.float64), xv, yv,
                                      np.asarray(in_order.index), metric, seed)
        except Exception:  # noqa: BLE001 - a check that could not be made finds nothing
            out.row_block = None
    out.seconds = time.monotonic() - t0
    return out
