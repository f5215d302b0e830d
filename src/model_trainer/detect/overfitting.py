"""``overfitting``: validation loss rising from its minimum by a meaningful margin while training loss falls.

A generalization gap alone is not overfitting; neither is a rise that early stopping already cut
off (the best weights were restored).

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1 / i, "val_loss": abs(i - 5) * 0.1 + 1}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts()).onset_epoch  # the 3-epoch average bottoms out just after the true minimum
    6
"""

from __future__ import annotations

import math

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, returned_epoch
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num

DESCRIPTOR = Descriptor("overfitting", "PERFORMANCE", online=False, horizon=True,
    causes=(
        "insufficient_regularization",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "early_stopping", "weight_decay", "dropout", "regularization", "less_capacity",
    ),
)


def smooth(values: list[float], window: int) -> list[float]:
    """Trailing moving average, so one noisy epoch is neither a minimum nor a rise."""
    out, acc = [], 0.0
    for i, v in enumerate(values):
        acc += v
        if i >= window:
            acc -= values[i - window]
        out.append(acc / min(i + 1, window))
    return out


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    pairs = [(e.epoch, e.get("train_loss"), e.get("val_loss")) for e in history]
    pairs = [(ep, t, v) for ep, t, v in pairs if t is not None and v is not None and math.isfinite(t)
             and math.isfinite(v)]
    if len(pairs) < 6:
        return None
    patience = int(facts.config.get("early_stopping_patience") or 0)
    window = max(3, len(pairs) // 20)
    val = smooth([v for _, _, v in pairs], window)
    train = smooth([t for _, t, _ in pairs], window)
    i_min = min(range(window - 1, len(val)), key=lambda i: val[i]) if len(val) >= window else 0
    if patience and len(pairs) - 1 - i_min <= patience + window and facts.finished:
        return None  # early stopping ended the run and restored the best weights
    if i_min > T.OVERFIT_MIN_POSITION * (len(pairs) - 1):
        return None
    # the rise must hold: the lowest (smoothed) validation loss of the last quarter, not one noisy epoch
    tail = max(window, len(val) // 4)
    v_min, v_end, t_at_min, t_end = val[i_min], min(val[-tail:]), train[i_min], train[-1]
    rise = (v_end - v_min) / abs(v_min) if v_min else 0.0
    falling = (t_at_min - t_end) / abs(t_at_min) if t_at_min else 0.0
    if rise >= T.OVERFIT_RISE and falling >= T.TRAIN_STILL_FALLING:
        # the decision uses moving averages; the message quotes recorded values only
        raw_min = min(range(len(pairs)), key=lambda i: pairs[i][2])
        if facts.finished and returned_epoch(history, facts.diagnostics, facts.higher_is_better) is not None:
            return None  # the code kept an earlier epoch's weights and returned them: the rise is not in the model
        ep_min, t_min_raw, v_min_raw = pairs[raw_min]
        ep_end, t_end_raw, v_end_raw = pairs[-1]
        return Finding("overfitting", pairs[i_min][0],
                       f"val_loss rose from its minimum {num(v_min_raw)} at epoch {ep_min} to {num(v_end_raw)} "
                       f"at epoch {ep_end} (its {window}-epoch average up {rise:.0%} and staying up over the last "
                       f"{tail} epochs) while train_loss fell from {num(t_min_raw)} to {num(t_end_raw)}",
                       {"best_epoch": ep_min, "val_min": v_min_raw, "val_end": v_end_raw, "rise": rise,
                        "train_fall": falling, "window": window})
    return None
