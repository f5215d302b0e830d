"""The tool-level data repairs (CONTRACT §4) and their inverse, kept with the model.

A fitted ``Preprocess`` is stored in the model bundle, so ``model_final.pkl`` takes raw data and
answers in the target's own units whatever repairs were applied during training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

DATA_REPAIRS = ("standardize", "standardize_target", "rescale_target", "drop_non_finite_rows",
                "drop_constant_columns", "permute_target", "zero_grad_after_step", "scheduler_per_epoch",
                "align_validation", "softmax_scores_to_loss", "missing_codes", "drop_target_outliers", "drop_row_block",
                "loss_shapes_aligned", "log_softmax_to_nll", "leave_out_columns", "eval_before_predict",
                "align_label_codes", "align_feature_codes", "numeric_gradient", "state_dict_copies")
# ``zero_grad_after_step``, ``scheduler_per_epoch``, ``softmax_scores_to_loss``, ``loss_shapes_aligned``,
# ``log_softmax_to_nll``, ``eval_before_predict``, ``numeric_gradient`` and ``state_dict_copies`` change
# no data: diagnostics the run's child applies to the user's loop (torch hooks, ``kinds/function.py``); they travel
# with the data repairs because, like them, they are the tool's changes and not the user's config
# ``rescale_target``'s values: the range a bounded output layer can produce, and where the target's training range
# is put inside it. A margin is kept from a bound the activation only reaches asymptotically (a sigmoid's 0 and 1);
# a one-sided range keeps the target's spread (unit std) with its extreme just inside the bound.
TARGET_RANGES: dict[str, tuple[float | None, float | None]] = {
    "0..1": (0.1, 0.9), "-1..1": (-0.8, 0.8), "0..inf": (0.1, None), "-inf..0": (None, -0.1)}
# ``'-inf..C'``: predictions capped at C by the model's code; the target is scaled so its largest value lands here,
# as a share of C, with room left below the cap
CAP_FILL = 0.9
# ``permute_target`` is a control, never a repair: the training labels shuffled against their rows (fixed seed), to
# see whether the real labels fit any better; a model trained on it is never accepted
# ``leave_out_columns`` is a diagnostic, never a repair: the named feature columns left out of both splits, to see
# whether a column that means something else in each file is what the model fails on
# ``align_validation`` is a diagnostic, never a repair: the named feature columns of the validation split mapped
# linearly onto their training mean and spread (with the validation split's own statistics, which a repair may never
# use), to see whether the split's shift is what the model fails on


def with_passthrough(predict: Any, features: list[str]) -> Any:
    """``predict`` on a frame's features, else on the whole frame: a model of the user's own may read the columns
    it was handed beside them (a date, a region's name), where an estimator fitted on the features refuses them."""
    def call(x: Any) -> Any:
        if not isinstance(x, pd.DataFrame) or list(x.columns) == list(features):
            return predict(x)
        try:
            return predict(x[features])
        except Exception:  # noqa: BLE001 - the second form is the answer, or its error is the one raised
            return predict(x)
    return call


@dataclass
class Preprocess:
    features: list[str]
    target: str | None
    x_mean: dict[str, float] = field(default_factory=dict)
    x_std: dict[str, float] = field(default_factory=dict)
    y_mean: float | None = None
    y_std: float | None = None
    dropped_columns: list[str] = field(default_factory=list)
    # ``missing_codes``: column -> (the code standing for a missing value, the training median it is read as)
    codes: dict[str, tuple[float, float]] = field(default_factory=dict)
    # columns handed to a model of the user's own beside the features (``data.ignore_columns``, and in function
    # mode the columns that are not numbers): never transformed or checked
    passthrough: list[str] = field(default_factory=list)

    def model_columns(self, frame: pd.DataFrame) -> list[str]:
        """The features, then the pass-through columns ``frame`` holds."""
        return [*self.features, *(c for c in getattr(self, "passthrough", ()) if c in frame.columns)]

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.drop(columns=[c for c in self.dropped_columns if c in frame.columns])
        codes = getattr(self, "codes", None)  # a bundle pickled before codes existed has none
        if codes:
            out = out.copy()
            for c, (code, fill) in codes.items():
                if c in out.columns:
                    out[c] = out[c].astype(float).mask(out[c].astype(float) == code, fill)
        if self.x_mean:
            out = out.copy()
            for c, m in self.x_mean.items():
                out[c] = (out[c].astype(float) - m) / self.x_std[c]
        if self.y_mean is not None and self.target in out.columns:
            out = out.copy()
            out[self.target] = (out[self.target].astype(float) - self.y_mean) / self.y_std
        return out

    def inverse_target(self, y: np.ndarray) -> np.ndarray:
        if self.y_mean is None:
            return y
        return np.asarray(y, dtype=np.float64) * self.y_std + self.y_mean

    @property
    def active(self) -> bool:
        return bool(self.x_mean or self.y_mean is not None or self.dropped_columns or getattr(self, "codes", None))


def fit_preprocess(train: pd.DataFrame, val: pd.DataFrame, target: str | None, features: list[str],
                   repairs: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame, Preprocess]:
    """Apply the requested data repairs; statistics come from the training split only."""
    unknown = set(repairs) - set(DATA_REPAIRS)
    if unknown:
        raise ValueError(f"unknown data repair(s) {sorted(unknown)}; known: {', '.join(DATA_REPAIRS)}")
    if repairs.get("drop_non_finite_rows"):
        cols = [*features, *([target] if target else [])]
        train = train[np.isfinite(train[cols].to_numpy(dtype=float)).all(axis=1)]
        val = val[np.isfinite(val[cols].to_numpy(dtype=float)).all(axis=1)]
    pre = Preprocess(features=list(features), target=target)
    if repairs.get("drop_target_outliers") and target:
        # training rows only: validation is scored as it is
        from model_trainer.probes.data_quality import target_outliers

        far = target_outliers(train[target].to_numpy(dtype=float))
        if far is not None:
            y = train[target].astype(float)
            train = train[~((y < far["low"]) | (y > far["high"]))]
    block = repairs.get("drop_row_block")
    if isinstance(block, list) and len(block) == 2:
        # training rows only, by their file lines (the header is line 1: line = label + 2); validation is scored as is
        train = train[~((train.index >= block[0] - 2) & (train.index <= block[1] - 2))]
    for c in repairs.get("missing_codes") or ():
        from model_trainer.probes.data_quality import missing_code

        if c not in features:
            continue
        code = missing_code(np.r_[train[c].to_numpy(dtype=float), val[c].to_numpy(dtype=float)])
        if code is not None:
            col = train[c].astype(float)
            pre.codes[c] = (code, float(col[(col != code) & np.isfinite(col)].median()))
    if pre.codes:
        # the statistics of later repairs (standardize) are those of the columns as the model sees them
        train, val = pre.transform(train), pre.transform(val)
    val = align_validation(train, val, [c for c in repairs.get("align_validation") or () if c in features])
    val = align_label_codes(val, target, repairs.get("align_label_codes"))
    val = align_feature_codes(val, repairs.get("align_feature_codes"))
    if repairs.get("permute_target") and target:
        train = train.copy()
        train[target] = np.random.default_rng(0).permutation(train[target].to_numpy())
    if repairs.get("drop_constant_columns"):
        pre.dropped_columns = [c for c in features if train[c].nunique(dropna=True) <= 1]
        pre.features = [c for c in features if c not in pre.dropped_columns]
    left = [c for c in repairs.get("leave_out_columns") or () if c in pre.features]
    if left:
        pre.dropped_columns = [*pre.dropped_columns, *left]
        pre.features = [c for c in pre.features if c not in left]
    if repairs.get("standardize"):
        for c in pre.features:
            if is_indicator(train[c]):
                continue  # already on a unit scale, and code that tests ``== 1`` must still find its ones
            col = train[c].astype(float)
            sd = float(col.std(ddof=0))
            pre.x_mean[c] = float(col.mean())
            pre.x_std[c] = sd if sd > 0 and np.isfinite(sd) else 1.0
    if repairs.get("standardize_target") and target:
        col = train[target].astype(float)
        sd = float(col.std(ddof=0))
        pre.y_mean, pre.y_std = float(col.mean()), (sd if sd > 0 else 1.0)
    if repairs.get("rescale_target") and target:
        col = train[target].astype(float)
        pre.y_mean, pre.y_std = target_affine(repairs["rescale_target"], float(col.min()), float(col.max()),
                                              float(col.std(ddof=0)))
    return pre.transform(train), pre.transform(val), pre


def align_validation(train: pd.DataFrame, val: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``val`` with each of ``columns`` mapped linearly onto its training mean and spread (the ``align_validation``
    diagnostic; its validation statistics make it a test, never a repair)."""
    if not columns:
        return val
    val = val.copy()
    for c in columns:
        a, b = train[c].astype(float), val[c].astype(float)
        sd_b = float(b.std(ddof=0))
        if sd_b > 0 and np.isfinite(sd_b):
            val[c] = (b - float(b.mean())) / sd_b * float(a.std(ddof=0)) + float(a.mean())
    return val


def align_label_codes(val: pd.DataFrame, target: str | None, pairs: Any) -> pd.DataFrame:
    """``val`` with its target's labels recoded by ``pairs`` (``[[validation label, training label], ...]``, the
    ``align_label_codes`` diagnostic: the validation classes put in training's coding, never a repair)."""
    if not pairs or target is None or target not in val:
        return val
    val = val.copy()
    mapping = {a: b for a, b in pairs}
    val[target] = val[target].map(lambda v: mapping.get(v, v))
    return val


def is_indicator(col: pd.Series) -> bool:
    """A 0/1 column (an event flag, a censoring indicator, a one-hot level): ``standardize`` leaves it as it is.

    Example:
        >>> is_indicator(pd.Series([0, 1, 1, 0])), is_indicator(pd.Series([0.0, 0.5, 1.0]))
        (True, False)
    """
    values = pd.unique(col.dropna())
    return 0 < len(values) <= 2 and bool(np.isin(values, (0, 1)).all())


def align_feature_codes(val: pd.DataFrame, pairs_by_column: Any) -> pd.DataFrame:
    """``val`` with feature columns recoded by ``pairs_by_column`` (``{column: [[validation level, training level],
    ...]}``, the ``align_feature_codes`` diagnostic: the validation file put in training's coding, never a repair)."""
    if not pairs_by_column:
        return val
    val = val.copy()
    for column, pairs in dict(pairs_by_column).items():
        if column in val:
            mapping = {float(a): b for a, b in pairs}
            val[column] = val[column].map(lambda v, m=mapping: m.get(float(v), v) if pd.notna(v) else v)
    return val


def target_cap(into: str) -> float | None:
    """The cap C of a ``rescale_target`` value ``'-inf..C'`` with C > 0 (a model whose code caps its predictions),
    else None.

    Example:
        >>> target_cap("-inf..148.4"), target_cap("-inf..0"), target_cap("0..1")
        (148.4, None, None)
    """
    head, sep, tail = into.partition("..")
    if head != "-inf" or not sep:
        return None
    try:
        cap = float(tail)
    except ValueError:
        return None
    return cap if math.isfinite(cap) and cap > 0 else None


def target_affine(into: str, y_min: float, y_max: float, y_std: float) -> tuple[float, float]:
    """``(m, s)`` such that ``(y - m) / s`` puts the target's training range where ``TARGET_RANGES[into]`` says.

    Example:
        >>> m, s = target_affine("0..1", -3.0, 5.0, 2.0)
        >>> ((-3.0 - m) / s, (5.0 - m) / s)
        (0.1, 0.9)
    """
    cap = target_cap(into)
    if cap is not None:
        # scaled toward zero, never shifted: a count or a positive amount stays positive, as a log-link needs
        return 0.0, (y_max / (CAP_FILL * cap) if y_max > 0 else 1.0)
    if into not in TARGET_RANGES:
        raise ValueError(f"rescale_target = {into!r} is not one of {', '.join(map(repr, TARGET_RANGES))}, "
                         "nor '-inf..C' with a cap C > 0")
    lo, hi = TARGET_RANGES[into]
    if lo is not None and hi is not None:
        s = (y_max - y_min) / (hi - lo)
        s = s if s > 0 else 1.0
        return y_min - lo * s, s
    s = y_std if y_std > 0 else 1.0
    return (y_min - lo * s, s) if lo is not None else (y_max - (hi or 0.0) * s, s)
