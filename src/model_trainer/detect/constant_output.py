"""``constant_output``: the model ends up no better than a constant after having been better, or answers one value.

The validation metric over the last epochs sits at the constant predictor's value (majority class,
training mean) although an earlier epoch was clearly better: the network collapsed (its units died or
saturated, usually under too large a step) rather than never learning, which is underfitting. Or the returned
model's own validation predictions (``pred_std`` of a finished run's diagnostics) spread less than
``CONSTANT_EXACT`` of the target's standard deviation while it scores at the constant's level: it answers one value
for every row (weights held at zero by a penalty, a dead or saturated output), whatever its history. A model that
has barely moved from its start (a step far too small) still varies a little, and is underfitting.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> acc = [0.8, 0.7, 0.35, 0.34, 0.34, 0.34, 0.34, 0.34]
    >>> h = [EpochLogged(i + 1, {"metric": a, "train_loss": 1.1}, 0.1) for i, a in enumerate(acc)]
    >>> detect(h, Facts(metric="accuracy", higher_is_better=True, baseline_metric=0.34)).symptom
    'constant_output'
"""

from __future__ import annotations

import math

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, finite, series
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num

DESCRIPTOR = Descriptor("constant_output", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "learning_rate_too_high", "bad_initialization", "output_range_mismatch", "label_corruption",
        "excessive_regularization",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "adam", "kaiming_init", "switch_activation", "lower_regularization", "switch_loss",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    base = facts.baseline_metric
    vals = finite(series(history, "metric"))
    if base is None or not math.isfinite(base) or base == 0:
        return None
    flat = _one_value(vals, base, facts) or _one_value_logged(history, vals, base, facts)
    if flat is not None or len(vals) < 4:
        return flat
    q = max(len(vals) // 4, 2)
    tail = vals[-q:]
    share = series(history, "pred_mode_share")[-q:]
    spread = series(history, "pred_spread")[-q:]
    if len(share) == q or len(spread) == q:
        # measured directly: one class predicted for (nearly) every row, or no spread at all
        at_base = all(v >= T.CONSTANT_SHARE for v in share) if share else all(v <= T.CONSTANT_SPREAD for v in spread)
    else:
        at_base = all(abs(v - base) <= T.CONSTANT_TOLERANCE * abs(base) for v in tail)
    best = max(vals) if facts.higher_is_better else min(vals)
    gain = (best - base) / abs(base) if facts.higher_is_better else (base - best) / abs(base)
    if at_base and gain >= T.COLLAPSE_GAIN:
        i_best = vals.index(best)
        return Finding("constant_output", history[-q].epoch,
                       f"validation {facts.metric} fell from {num(best)} (epoch {i_best + 1}) to {num(tail[-1])} (the "
                       f"constant predictor scores {num(base)}) and the predictions stayed constant over the last {q} "
                       "epochs",
                       {"best": best, "baseline": base, "last": tail[-1]})
    return None


def _no_better(last: float, base: float, facts: Facts) -> bool:
    """At the constant's score or worse: one value far from the target's mean (an output stuck at 0) scores worse."""
    better = last - base if facts.higher_is_better else base - last
    return better <= T.CONSTANT_TOLERANCE * abs(base)


def _one_value(vals: list[float], base: float, facts: Facts) -> Finding | None:
    """The finished model answers (almost) one value for every validation row, at the constant's score or worse."""
    d = facts.diagnostics or {}
    spread, sd = d.get("pred_std"), getattr(facts.data, "target_std", None)
    if not (facts.finished and vals and isinstance(spread, (int, float)) and isinstance(sd, (int, float)) and sd > 0):
        return None
    if spread > T.CONSTANT_EXACT * sd or not _no_better(vals[-1], base, facts):
        return None
    return Finding("constant_output", None,
                   f"the model answers {num(d.get('pred_min', math.nan))} to {num(d.get('pred_max', math.nan))} for "
                   f"every validation row (spread {num(spread)} against the target's {num(sd)}): validation "
                   f"{facts.metric} {num(vals[-1])}, the constant predictor's {num(base)}",
                   {"pred_std": spread, "target_std": sd, "baseline": base, "last": vals[-1]})


def _one_value_logged(history: list[EpochLogged], vals: list[float], base: float, facts: Facts) -> Finding | None:
    """The built-in loop measured the spread of the validation predictions each epoch (``pred_spread``, against the
    target's): none at all over the last quarter of the run, at the constant's score or worse. The same model as
    ``_one_value``'s, seen while it trained: an output stuck at one value from its first epoch on never collapsed
    from anything better."""
    spread = finite(series(history, "pred_spread"))
    q = max(len(spread) // 4, 2)
    if len(spread) < 3 or not vals or any(v > T.CONSTANT_EXACT for v in spread[-q:]):
        return None
    if not _no_better(vals[-1], base, facts):
        return None
    lo, hi = (history[-1].get(k) for k in ("pred_min", "pred_max"))
    return Finding("constant_output", history[-q].epoch,
                   f"the model answered {num(lo if lo is not None else math.nan)} to "
                   f"{num(hi if hi is not None else math.nan)} for every validation row over the last {q} epochs (no "
                   f"spread at all): validation {facts.metric} {num(vals[-1])}, the constant predictor's {num(base)}",
                   {"pred_spread": spread[-1], "baseline": base, "last": vals[-1]})
