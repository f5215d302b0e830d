"""``constant_output``: the model ends up no better than a constant after having been better.

The validation metric over the last epochs sits at the constant predictor's value (majority class,
training mean) although an earlier epoch was clearly better: the network collapsed (its units died or
saturated, usually under too large a step) rather than never learning, which is underfitting.

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
        "lower_lr", "adam", "kaiming_init", "switch_activation", "lower_regularization",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    base = facts.baseline_metric
    vals = finite(series(history, "metric"))
    if base is None or len(vals) < 4 or not math.isfinite(base) or base == 0:
        return None
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
