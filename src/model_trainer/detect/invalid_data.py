"""``invalid_data``: non-finite values in the data, a feature that is the target in disguise (leakage), a
missing-value code in the training target (``probes/data_quality.target_outliers``), a target discretised in one split
only (a truncating cast applied to one file), class labels in validation that no training row carries (the classes
coded differently in the two files), or a validation split distributed unlike
the training split in a way that matters: a column shifted (``probes/shift.py``) while the references score at
least ``SPLIT_GAP_RATIO`` times worse on validation than on held-out training rows (a unit changed in one file,
one split prepared on its own); the reference that suffers most is the one read; a feature that goes with the target
unlike in training (``probes/shift.relation_shifts``: a column that means something else in each file) under the same
gap; or a stretch of consecutive training
rows off the relationship the others follow (``probes/row_blocks.py``: another logger, a unit changed part-way through
the file) where the model scores worse than boosting fitted without that stretch.

Constant columns and train/validation duplicates are reported in the log as warnings; alone they
do not stop a healthy run.

Example:
    >>> detect([], Facts(data=None)) is None
    True
"""

from __future__ import annotations

import math
from typing import Any

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("invalid_data", "DATA", online=False, horizon=False,
    causes=(
        "invalid_data", "train_val_mismatch", "label_corruption",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "drop_non_finite_rows", "drop_constant_columns", "drop_target_outliers", "drop_row_block", "align_validation",
        "leave_out_columns", "leave_out_row_block", "align_label_codes", "align_feature_codes",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    rep = facts.data
    if rep is None:
        return None
    if rep.non_finite and not handled_missing(history, facts):
        cells = ", ".join(f"`{c}` ({n})" for c, n in rep.non_finite.items())
        return Finding("invalid_data", None, f"non-finite values (NaN/inf) in {cells}",
                       {"non_finite": dict(rep.non_finite)})
    if rep.leakage:
        return Finding("invalid_data", None,
                       f"feature(s) {', '.join(f'`{c}`' for c in rep.leakage)} are perfectly correlated with the "
                       f"target `{rep.target}`: the target leaks into the inputs", {"leakage": list(rep.leakage)})
    code = getattr(rep, "target_outliers", None) or {}
    if code.get("code") is not None:
        return Finding("invalid_data", None,
                       f"the training target `{rep.target}` holds {code['code']:g} in {code['count']} of "
                       f"{code['rows']} rows, far outside its other values ({code['low']:.4g} to {code['high']:.4g}): "
                       "a code for a missing measurement, which the model is trained to predict as a value",
                       {"target_code": dict(code), "cause": "invalid_data"})
    d = getattr(rep, "target_discretised", None)
    if d:
        return Finding("invalid_data", None,
                       f"the target `{rep.target}` takes {d['train_values']} distinct values in the training split "
                       f"({d['train_rows']} rows) but {d['val_values']} in validation ({d['val_rows']} rows): the "
                       f"{d['split']} split's target was cast or rounded on its own",
                       {"target_discretised": dict(d), "cause": "train_val_mismatch"})
    lab = getattr(rep, "label_codes", None)
    if lab and lab["unseen_share"] >= T.UNSEEN_LABEL_SHARE:
        unseen = [v for v in lab["val"] if v not in lab["train"]]
        missing = [v for v in lab["train"] if v not in lab["val"]]
        return Finding("invalid_data", None,
                       f"{lab['unseen_share']:.0%} of the validation rows ({lab['unseen_rows']}) carry the class "
                       f"label{'s' if len(unseen) > 1 else ''} {', '.join(_label(v) for v in unseen)}, which no "
                       "training row carries" + (f", while training's {', '.join(_label(v) for v in missing)} never "
                                                 "appears in validation" if missing else "")
                       + ": the classes are coded differently in the two files, and no model trained on these rows "
                       "can predict those labels", {"label_codes": dict(lab), "cause": "train_val_mismatch"})
    fc = getattr(rep, "feature_codes", None)
    if fc:
        unseen = [v for v in fc["val"] if v not in fc["train"]]
        missing = [v for v in fc["train"] if v not in fc["val"]]
        return Finding("invalid_data", None,
                       f"`{fc['column']}` holds {', '.join(map(str, unseen))} on {fc['unseen_share']:.0%} of the "
                       f"validation rows, which no training row holds, while training's "
                       f"{', '.join(map(str, missing))} ({fc['missing_share']:.0%} of its rows) never appears in "
                       f"validation, with {len(fc['train'])} levels in each file: the column is coded differently in "
                       "the two files", {"feature_codes": dict(fc), "cause": "train_val_mismatch"})
    err = _model_error(history, facts)
    # a column whose correlation with the target changed has changed its meaning, which no unit conversion
    # restores: it is read before a shift of its values (whose diagnostic aligns units)
    return (_relation_mismatch(rep, facts.metric, err) or _split_mismatch(rep, facts.metric, err)
            or _row_block(rep, facts.metric, err))


_HIGHER = ("accuracy", "auc", "f1", "r2")


def handled_missing(history: list[EpochLogged], facts: Facts) -> bool:
    """The run's code took the features' missing values in its stride: the target holds none, and the finished run
    logged only finite losses and metrics, and its returned model answers every validation row with a finite value
    (``pred_nonfinite``, ``pred_failed``) and scores a finite value of its own. A pipeline that imputes is then as the
    user meant it, and the values are no red flag (the log says they are there). A run that failed, or one whose
    losses or predictions went non-finite, is still read as hurt by them.

    Example:
        >>> from model_trainer.probes.data_report import DataReport
        >>> rep = DataReport(n_train=10, n_val=5, features=["x"], feature_std={}, feature_absmax={},
        ...                  non_finite={"x": 3}, constant_columns=[], duplicate_rows=0, leakage=[], target="y")
        >>> ok = [EpochLogged(1, {"train_loss": 0.5, "val_loss": 0.6}, 0.1)]
        >>> handled_missing(ok, Facts(data=rep, diagnostics={"metric_own": 0.6}))
        True
        >>> handled_missing([], Facts(data=rep))      # a run that failed before its first epoch
        False
        >>> handled_missing(ok, Facts(data=rep, diagnostics={"metric_own": 0.6, "pred_nonfinite": 0.3}))
        False
        >>> rep.non_finite = {"y": 2}
        >>> handled_missing(ok, Facts(data=rep))      # a target with missing values is never the code's to handle
        False
    """
    rep = facts.data
    if not history or rep is None or rep.target in (rep.non_finite or {}):
        return False
    logged = [v for e in history for k in ("train_loss", "val_loss", "metric") if (v := e.get(k)) is not None]
    d = facts.diagnostics or {}
    own = d.get("metric_own")
    # a model that answers NaN on the rows missing a value still scores the others: its answers are read too
    answered = not d.get("pred_failed") and not d.get("pred_nonfinite")
    return all(math.isfinite(v) for v in logged) and (own is None or math.isfinite(float(own))) and answered


def _label(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def shifted_columns_read(rep: Any) -> list[dict[str, Any]]:
    """The report's shifted feature columns this check reads. A column that is mostly one value (a pixel that is
    almost always blank) shifts by chance: its few other values decide its mean and spread. The target is not
    read: a forecast's validation period may lie beyond its training range by design."""
    target = getattr(rep, "target", None)
    return [d for d in getattr(rep, "split_shift", None) or ()
            if d.get("mode_share", 0.0) < T.SPLIT_MODE_SHARE and d.get("column") != target]


def _model_error(history: list[EpochLogged], facts: Facts) -> float | None:
    vals = [v for e in history if (v := e.get("metric")) is not None and math.isfinite(v)]
    own = (facts.diagnostics or {}).get("metric_own")
    v = vals[-1] if vals else own if isinstance(own, (int, float)) and math.isfinite(own) else None
    if v is None:
        return None
    return 1.0 - v if facts.metric in _HIGHER else float(v)


def _split_gap(rep: Any, metric: str, model_error: float | None) -> tuple[str, float, float] | None:
    """The reference that suffers most on validation against its held-out training rows, with both scores, where it
    scores at least ``SPLIT_GAP_RATIO`` times worse there and the model does not do far better; else None."""
    # the held-out scores are the complete rows' (``probes/references.py``): read beside those, not beside the
    # references that keep the rows missing a value
    held = getattr(rep, "references_held_out", None) or {}
    val = getattr(rep, "references_complete", None) or getattr(rep, "references", None) or {}

    def err(v: Any) -> float | None:
        if not isinstance(v, (int, float)) or not math.isfinite(v):
            return None
        return 1.0 - v if metric in _HIGHER else float(v)
    pairs = [(k, e_v, e_h) for k in held if (e_v := err(val.get(k))) is not None and (e_h := err(held[k])) is not None]
    if not pairs:
        return None
    # a share of rows wrong on a fifth of the training rows can be 0 by luck: never below SPLIT_GAP_SHARE_FLOOR
    floor = T.SPLIT_GAP_SHARE_FLOOR if metric in _HIGHER else 1e-12
    # the reference that suffers most: trees shrug off a rescaled column that a linear model (like most networks)
    # does not
    name, e_val, e_held = max(pairs, key=lambda p: p[1] / max(p[2], floor))
    if e_val < T.SPLIT_GAP_RATIO * max(e_held, floor):
        return None
    best_val = min(p[1] for p in pairs)
    if model_error is not None and model_error * T.SPLIT_GAP_RATIO <= best_val:
        return None  # the model does far better on validation than any reference: the shift does not hurt it (a
        # mechanistic model extrapolating as it was built to)
    return name, float(val[name]), float(held[name])


def _split_mismatch(rep: Any, metric: str | None, model_error: float | None = None) -> Finding | None:
    shifted = shifted_columns_read(rep)
    if not shifted:
        return None
    s = shifted[0]
    cols = ", ".join(f"`{d['column']}`" for d in shifted[:3]) + (f" and {len(shifted) - 3} more" if len(shifted) > 3
                                                                  else "")
    return _mismatch(rep, metric, model_error, "split_shift", shifted,
                     f"validation is distributed unlike training in {cols}: `{s['column']}` has mean "
                     f"{s['val_mean']:.4g} and std {s['val_std']:.4g} in validation against {s['train_mean']:.4g} and "
                     f"{s['train_std']:.4g} in training ({s['shift_sd']:.1f} training SDs apart)")


def _relation_mismatch(rep: Any, metric: str | None, model_error: float | None = None) -> Finding | None:
    """A feature that goes with the target unlike in training, while the references score far worse on validation
    than on held-out training rows: what the model learnt from the column does not hold in the other file."""
    target = getattr(rep, "target", None)
    shifted = [d for d in getattr(rep, "relation_shift", None) or () if d.get("column") != target]
    if not shifted:
        return None
    s = shifted[0]
    more = f" (and {len(shifted) - 1} more column{'s' if len(shifted) > 2 else ''})" if len(shifted) > 1 else ""
    found = _mismatch(rep, metric, model_error, "relation_shift", shifted,
                      f"`{s['column']}` goes with the target `{target}` at r = {s['train_r']:.2f} in training and "
                      f"r = {s['val_r']:.2f} in validation ({s['z']:.1f} standard errors apart){more}: the column "
                      "does not mean the same in the two files")
    if found is not None:
        # the columns whose values moved between the files too: a unit change can turn a correlation's sign
        found.evidence["value_shift"] = [d["column"] for d in shifted_columns_read(rep) if d.get("column") != target]
    return found


def _mismatch(rep: Any, metric: str | None, model_error: float | None, key: str, shifted: list[dict[str, Any]],
              said: str) -> Finding | None:
    """``invalid_data`` (``train_val_mismatch``) for the columns ``shifted`` (under ``key`` in the evidence) where the
    references fail on validation as ``_split_gap`` reads them."""
    gap = _split_gap(rep, metric, model_error) if metric else None
    if gap is None:
        return None
    name, v_val, v_held = gap
    return Finding("invalid_data", None,
                   f"{said}; the {name} reference scores {v_val:.4g} {metric} on validation against {v_held:.4g} on "
                   "held-out training rows",
                   {key: [dict(d) for d in shifted], "cause": "train_val_mismatch", "reference": name, "val": v_val,
                    "held_out": v_held})


def _row_block(rep: Any, metric: str | None, model_error: float | None) -> Finding | None:
    b = getattr(rep, "row_block", None)
    if not b or not metric or getattr(rep, "references_complete", None):
        return None  # a block found on the complete rows says nothing of a model scored on every row
    without = b.get("boosting_val_without_block")
    if model_error is not None and isinstance(without, (int, float)):
        reach = 1.0 - without if metric in _HIGHER else without
        if model_error <= T.ROW_BLOCK_MODEL_MARGIN * reach:
            return None  # the model already does as well as the data without the stretch allow: it is not hurt
    where = (f"training rows at file lines {b['first_line']}-{b['last_line']} ({b['rows']} rows, "
             f"{b['share_of_rows']:.0%} of those checked)")
    if b.get("labels"):
        # classes that do not follow their inputs: the rows' labels, not a unit, are what differs
        return Finding("invalid_data", None,
                       f"{where} carry classes their features do not explain as the other rows' do: out-of-fold "
                       f"boosting misclassifies {b['mean_residual_block']:.0%} of them against "
                       f"{b['mean_residual_rest']:.0%} elsewhere (the file's order explains {b['order_share']:.0%} "
                       f"of the misclassifications' variance, chance {b['chance']:.0%}), and boosting fitted without "
                       f"them scores {without:.4g} {metric} on validation against {b['boosting_val_all_rows']:.4g} "
                       "with them: labels joined to the wrong rows, or taken from another labelling",
                       # the labels' fault is tested by leaving the rows out (``leave_out_row_block``): a cause of
                       # the code's own making would stop every test
                       {"row_block": dict(b), "cause": "invalid_data"})
    return Finding("invalid_data", None,
                   f"{where} do not follow the relationship the other rows follow: "
                   f"out-of-fold boosting residuals average {b['mean_residual_block']:+.4g} there against "
                   f"{b['mean_residual_rest']:+.4g} elsewhere (the file's order explains {b['order_share']:.0%} of "
                   f"their variance, chance {b['chance']:.0%}), and boosting fitted without them scores "
                   f"{without:.4g} {metric} on validation against {b['boosting_val_all_rows']:.4g} with them: a "
                   "stretch recorded by another instrument, in another unit or with other labels",
                   {"row_block": dict(b), "cause": "invalid_data"})
