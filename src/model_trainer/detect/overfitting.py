"""``overfitting``: validation loss rising from its minimum by a meaningful margin while training loss falls.

A generalization gap alone is not overfitting; neither is a rise that early stopping already cut
off (the best weights were restored).

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1 / i, "val_loss": abs(i - 5) * 0.1 + 1}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts()).onset_epoch
    5
"""

from __future__ import annotations

import math

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Facts, Finding
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    pairs = [(e.epoch, e.get("train_loss"), e.get("val_loss")) for e in history]
    pairs = [(ep, t, v) for ep, t, v in pairs if t is not None and v is not None and math.isfinite(t)
             and math.isfinite(v)]
    if len(pairs) < 6:
        return None
    i_min = min(range(len(pairs)), key=lambda i: pairs[i][2])
    ep_min, t_at_min, v_min = pairs[i_min]
    _ep_end, t_end, v_end = pairs[-1]
    patience = int(facts.config.get("early_stopping_patience") or 0)
    if patience and len(pairs) - 1 - i_min <= patience and facts.finished:
        return None  # early stopping ended the run and restored the best weights
    if i_min > T.OVERFIT_MIN_POSITION * (len(pairs) - 1):
        return None
    rise = (v_end - v_min) / abs(v_min) if v_min else 0.0
    falling = (t_at_min - t_end) / abs(t_at_min) if t_at_min else 0.0
    if rise >= T.OVERFIT_RISE and falling >= T.TRAIN_STILL_FALLING:
        return Finding("overfitting", ep_min,
                       f"val_loss rose {rise:.0%} from its minimum {num(v_min)} at epoch {ep_min} to {num(v_end)} "
                       f"while train_loss fell {falling:.0%} ({num(t_at_min)} -> {num(t_end)})",
                       {"best_epoch": ep_min, "val_min": v_min, "val_end": v_end, "rise": rise,
                        "train_fall": falling})
    return None
