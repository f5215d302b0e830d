"""Data checks and scale measurements on the spec's data, computed once in the supervisor."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.detect import thresholds as T
from model_trainer.preprocess import is_indicator
from model_trainer.probes.data_quality import missing_codes, target_outliers
from model_trainer.probes.shift import relation_shifts, shifted_columns

# what a report's reader waits for while the references fit
_AWAITED = frozenset({"references", "references_skipped", "references_held_out", "row_block", "references_complete"})


@dataclass
class DataReport:
    n_train: int
    n_val: int
    features: list[str]
    feature_std: dict[str, float]
    feature_absmax: dict[str, float]
    non_finite: dict[str, int]            # column -> count of NaN/inf cells, train and val together
    constant_columns: list[str]
    duplicate_rows: int                   # validation rows that also appear in train
    leakage: list[str]                    # features that are the target in disguise
    target: str | None = None
    target_mean: float | None = None
    target_std: float | None = None
    target_min: float | None = None
    target_max: float | None = None
    target_absmax_val: float | None = None
    baseline: dict[str, float] = field(default_factory=dict)   # metric name -> constant predictor's value
    # the quick references on validation in the spec's metric (probes/references.py), None where skipped
    references: dict[str, float | None] = field(default_factory=dict)
    references_skipped: dict[str, str] = field(default_factory=dict)
    # the same references fitted on 4/5 of the training rows and scored on the other 1/5 (probes/references.py)
    references_held_out: dict[str, float | None] = field(default_factory=dict)
    # where rows miss a feature value, ``references`` are scored on every row (the gaps filled as a model that
    # handles them would) and these on the complete rows only: what a run that drops those rows is judged by
    references_complete: dict[str, float | None] | None = None
    # a stretch of consecutive training rows off the relationship the other rows follow (``probes/row_blocks.py``),
    # found with the references: {"first_line", "last_line", "rows", "excess", "boosting_val_without_block", ...}
    row_block: dict[str, Any] | None = None
    data_hash: str = ""                  # of the data files: the cached references belong to these bytes
    # the split whose target takes a handful of values while the other's is continuous (a cast or rounding applied
    # to one split only), with the counts: {"split", "train_values", "val_values"}
    target_discretised: dict[str, Any] | None = None
    # columns whose validation values are distributed unlike their training values (``probes/shift.py``), largest
    # shift first: {"column", "train_mean", "val_mean", "train_std", "val_std", "shift_sd", "spread_ratio"}
    split_shift: list[dict[str, Any]] = field(default_factory=list)
    # features whose correlation with the target differs between the splits beyond sampling noise
    # (``probes/shift.relation_shifts``): {"column", "train_r", "val_r", "z", "train_rows", "val_rows"}
    relation_shift: list[dict[str, Any]] = field(default_factory=list)
    # feature columns holding a missing-value code (``probes/data_quality.py``): column -> {"value", "train", "val",
    # "known", "lines"}; and the training targets recorded far beyond the rest: {"count", "low", "high", "lines", ...}
    missing_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    target_outliers: dict[str, Any] | None = None
    # class labels (accuracy, f1, auc) that validation holds and training never does, and the other way round:
    # {"train", "val", "unseen_rows", "unseen_share"}; None where every validation label is a training one
    label_codes: dict[str, Any] | None = None
    # an integer-coded feature whose levels differ between the files, in both directions, with as many levels in each
    # (``feature_codes``): {"column", "train", "val", "unseen_share", "missing_share", ...}; None where none does
    feature_codes: dict[str, Any] | None = None
    # 0/1 columns, which ``standardize`` leaves as they are
    indicators: list[str] = field(default_factory=list)

    def __getattribute__(self, name: str) -> Any:
        # The references may still be fitting (``investigate.judge.references_in_background``): whatever reads them,
        # directly, through ``replace`` or ``asdict``, waits for them first, so no judgment is ever made without them.
        if name in _AWAITED:
            wait = object.__getattribute__(self, "__dict__").get("_pending")
            if wait is not None:
                wait()
        return object.__getattribute__(self, name)

    def defer_references(self, wait: Any) -> None:
        """The references arrive later: ``wait()`` returns once they are set (or raises what their fit raised); it
        is called by the first read of them, and may be called again."""
        self.__dict__["_pending"] = wait

    def references_settled(self) -> None:
        """The fit is over and its references are set: reads no longer wait (called by the waiting reader)."""
        self.__dict__.pop("_pending", None)

    def as_record(self, wait: bool = True) -> dict[str, Any]:
        """The report as ``data_report.json`` holds it; ``wait=False`` takes the references as they are now."""
        if wait:
            _ = self.references
        get = object.__getattribute__
        out = {f.name: get(self, f.name) for f in fields(self)}
        return out | {"scale_spread": self.scale_spread, "max_feature_std": self.max_feature_std}

    @property
    def scale_spread(self) -> float:
        stds = [s for s in self.feature_std.values() if s > 0 and math.isfinite(s)]
        return max(stds) / min(stds) if len(stds) >= 2 else 1.0

    @property
    def max_feature_std(self) -> float:
        return max((s for s in self.feature_std.values() if math.isfinite(s)), default=0.0)

    @property
    def unscaled_features(self) -> bool:
        return self.scale_spread >= T.FEATURE_SCALE_SPREAD or self.max_feature_std >= T.FEATURE_SCALE_ABS

    @property
    def unscaled_target(self) -> bool:
        if self.target_std is None:
            return False
        return self.target_std >= T.TARGET_SCALE_ABS or abs(self.target_mean or 0) >= T.TARGET_SCALE_ABS

    def with_repairs(self, repairs: dict) -> DataReport:
        """The report as the model sees the data after the tool-level data repairs."""
        rep = replace(self, feature_std=dict(self.feature_std), non_finite=dict(self.non_finite))
        if repairs.get("drop_non_finite_rows"):
            rep.non_finite = {}
            if self.references_complete:
                rep.references = dict(self.references_complete)
        if repairs.get("drop_constant_columns"):
            rep.constant_columns = []
        if repairs.get("missing_codes"):
            rep.missing_codes = {c: d for c, d in self.missing_codes.items() if c not in repairs["missing_codes"]}
        if repairs.get("drop_target_outliers"):
            rep.target_outliers = None
        if repairs.get("drop_row_block"):
            rep.row_block = None
        if repairs.get("align_label_codes"):
            rep.label_codes = None
        if repairs.get("align_feature_codes"):
            rep.feature_codes = None
        if repairs.get("align_validation"):
            rep.split_shift = [d for d in self.split_shift if d["column"] not in repairs["align_validation"]]
        if repairs.get("leave_out_columns"):
            left = set(repairs["leave_out_columns"])
            rep.relation_shift = [d for d in self.relation_shift if d["column"] not in left]
            rep.split_shift = [d for d in rep.split_shift if d["column"] not in left]
        if repairs.get("standardize"):
            rep.feature_std = {c: (s if c in self.indicators else 1.0 if s > 0 else 0.0)
                               for c, s in self.feature_std.items()}
        if repairs.get("standardize_target") and self.target_std:
            rep.target_mean, rep.target_std = 0.0, 1.0
        if repairs.get("rescale_target") and None not in (self.target_min, self.target_max, self.target_std,
                                                          self.target_mean):
            from model_trainer.preprocess import target_affine

            m, s = target_affine(repairs["rescale_target"], self.target_min, self.target_max, self.target_std)
            rep.target_mean, rep.target_std = (self.target_mean - m) / s, self.target_std / s
            rep.target_min, rep.target_max = (self.target_min - m) / s, (self.target_max - m) / s
        return rep

    def widest(self, n: int = 2) -> list[tuple[str, float]]:
        return sorted(self.feature_std.items(), key=lambda kv: -kv[1] if math.isfinite(kv[1]) else 0)[:n]

    def narrowest(self) -> tuple[str, float] | None:
        items = [(k, v) for k, v in self.feature_std.items() if v > 0 and math.isfinite(v)]
        return min(items, key=lambda kv: kv[1]) if items else None


def discretised(y: np.ndarray, yv: np.ndarray) -> dict[str, Any] | None:
    """One split's target takes at most ``DISCRETE_TARGET_MAX`` values while the other's has a distinct value for at
    least ``CONTINUOUS_SHARE`` of its rows: a truncating cast or a rounding applied to one split only.

    Example:
        >>> discretised(np.array([0.0, 1.0, 2.0] * 40), np.linspace(0, 2, 50))["split"]
        'train'
        >>> discretised(np.array([0.0, 1.0] * 40), np.array([1.0, 0.0] * 20)) is None
        True
    """
    from model_trainer.detect.thresholds import CONTINUOUS_SHARE, DISCRETE_TARGET_MAX

    if len(y) < 2 * DISCRETE_TARGET_MAX or len(yv) < 10:
        return None
    k, kv = len(np.unique(y)), len(np.unique(yv))
    if k <= DISCRETE_TARGET_MAX and kv >= CONTINUOUS_SHARE * len(yv):
        return {"split": "train", "train_values": k, "val_values": kv, "train_rows": len(y), "val_rows": len(yv)}
    if kv <= DISCRETE_TARGET_MAX and k >= CONTINUOUS_SHARE * len(y) and len(yv) >= 2 * DISCRETE_TARGET_MAX:
        return {"split": "validation", "train_values": k, "val_values": kv, "train_rows": len(y), "val_rows": len(yv)}
    return None


def _finite_std(col: pd.Series) -> float:
    vals = col.to_numpy(dtype=float)
    vals = vals[np.isfinite(vals)]
    return float(vals.std()) if len(vals) else float("nan")


def data_report(train: pd.DataFrame, val: pd.DataFrame, features: list[str], target: str | None,
                metric: str = "rmse") -> DataReport:
    both = pd.concat([train, val], ignore_index=True)
    non_finite = {}
    for c in [*features, *([target] if target else [])]:
        n = int((~np.isfinite(both[c].to_numpy(dtype=float))).sum())
        if n:
            non_finite[c] = n
    constant = [c for c in features if train[c].nunique(dropna=True) <= 1]
    cols = [*features, *([target] if target else [])]
    # compared as floats: a split whose column was cast to int must not make pandas warn about the merge
    dup = int(val[cols].astype(float).merge(train[cols].astype(float).drop_duplicates(), how="inner").shape[0]) \
        if len(cols) else 0
    rep = DataReport(n_train=len(train), n_val=len(val), features=list(features),
                     feature_std={c: _finite_std(train[c]) for c in features},
                     feature_absmax={c: float(np.nanmax(np.abs(train[c].to_numpy(dtype=float)))) if len(train) else 0.0
                                     for c in features},
                     non_finite=non_finite, constant_columns=constant, duplicate_rows=dup, leakage=[], target=target,
                     indicators=[c for c in features if is_indicator(train[c])])
    if target:
        y = train[target].to_numpy(dtype=float)
        yv = val[target].to_numpy(dtype=float)
        fy, fyv = y[np.isfinite(y)], yv[np.isfinite(yv)]
        if len(fy):
            rep.target_mean, rep.target_std = float(fy.mean()), float(fy.std())
            rep.target_min, rep.target_max = float(fy.min()), float(fy.max())
        if len(fyv):
            rep.target_absmax_val = float(np.abs(fyv).max())
        rep.target_discretised = discretised(fy, fyv)
        if len(fy) and len(fyv):
            mean = float(fy.mean())
            rep.baseline["rmse"] = float(np.sqrt(np.mean((fyv - mean) ** 2)))
            rep.baseline["mse"] = float(np.mean((fyv - mean) ** 2))
            rep.baseline["mae"] = float(np.mean(np.abs(fyv - float(np.median(fy)))))
            values, counts = np.unique(fy, return_counts=True)
            if len(values) <= 20:
                rep.baseline["accuracy"] = float(np.mean(fyv == values[counts.argmax()]))
        for c in features:
            x = train[c].to_numpy(dtype=float)
            ok = np.isfinite(x) & np.isfinite(y)
            if ok.sum() > 2 and np.std(x[ok]) > 0 and np.std(y[ok]) > 0:
                r = float(np.corrcoef(x[ok], y[ok])[0, 1])
                if abs(r) >= T.LEAKAGE_CORR:
                    rep.leakage.append(c)
    rep.split_shift = shifted_columns(train, val, [*features, *([target] if target else [])])
    rep.relation_shift = relation_shifts(train, val, features, target)
    rep.missing_codes = missing_codes(train, val, features)
    if target and metric not in ("accuracy", "f1", "auc"):
        rep.target_outliers = target_outliers(train[target].to_numpy(dtype=float))
    if target and metric in ("accuracy", "f1", "auc"):
        rep.label_codes = label_codes(train[target], val[target])
    rep.feature_codes = feature_codes(train, val, features)
    return rep


def feature_codes(train: pd.DataFrame, val: pd.DataFrame, features: list[str]) -> dict[str, Any] | None:
    """The integer-coded feature (at most ``FEATURE_CODE_LEVELS`` levels) whose levels differ most between the files
    where each file holds as many levels as the other and each holds levels the other never does, on at least
    ``UNSEEN_LABEL_SHARE`` of its rows, the levels of one file those of the other moved by one step and mostly
    shared: weekdays coded 0-6 in one file and 1-7 in the other. A split by time or by group leaves the other file
    fewer levels, some of the same, or other ones altogether.

    Example:
        >>> t = pd.DataFrame({"dow": [0, 1, 2, 3, 4, 5, 6] * 3})
        >>> feature_codes(t, t + 1, ["dow"])["val"]
        [1, 2, 3, 4, 5, 6, 7]
        >>> feature_codes(t, t, ["dow"]) is None
        True
    """
    best: dict[str, Any] | None = None
    for c in features:
        if c not in val or not pd.api.types.is_numeric_dtype(train[c]) or not pd.api.types.is_numeric_dtype(val[c]):
            continue
        a, b = train[c].astype(float), val[c].astype(float)
        a, b = a[np.isfinite(a)], b[np.isfinite(b)]
        if not len(a) or not len(b):
            continue
        levels_a, levels_b = np.unique(a.to_numpy()), np.unique(b.to_numpy())
        if (len(levels_a) != len(levels_b) or not 3 <= len(levels_a) <= T.FEATURE_CODE_LEVELS
                or not np.all(levels_a == np.round(levels_a)) or not np.all(levels_b == np.round(levels_b))
                or np.array_equal(levels_a, levels_b)):
            continue
        # one coding moved against the other: every level by the same step, most levels still shared (a split by
        # time or by group, years 2015-19 against 2020-24, moves them all and shares none)
        step = levels_b - levels_a
        if np.any(step != step[0]) or len(np.intersect1d(levels_a, levels_b)) < len(levels_a) - 2:
            continue
        unseen, missing = float((~b.isin(levels_a)).mean()), float((~a.isin(levels_b)).mean())
        if min(unseen, missing) < T.UNSEEN_LABEL_SHARE:
            continue
        found = {"column": c, "train": [int(v) for v in levels_a], "val": [int(v) for v in levels_b],
                 "unseen_share": unseen, "missing_share": missing}
        if best is None or unseen > best["unseen_share"]:
            best = found
    return best


def label_codes(train: pd.Series, val: pd.Series) -> dict[str, Any] | None:
    """The classes of each split where validation holds labels training never does: the share of validation rows
    that carry them (no model trained on these rows can ever predict such a label).

    Example:
        >>> label_codes(pd.Series([1, 2, 3, 4]), pd.Series([0, 1, 2, 3]))["unseen_share"]
        0.25
        >>> label_codes(pd.Series([0, 1]), pd.Series([1, 0])) is None
        True
    """
    a, b = train.dropna(), val.dropna()
    seen = set(a.unique().tolist())
    unseen = ~b.isin(seen)
    if not len(b) or not unseen.any():
        return None
    return {"train": sorted(seen), "val": sorted(set(b.unique().tolist())), "unseen_rows": int(unseen.sum()),
            "unseen_share": float(unseen.mean())}
