"""``dying_relu``: most ReLU units never activate on the validation set while the loss is stuck.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1.0, "dead_frac": 0.9}, 0.1) for i in range(1, 6)]
    >>> detect(h, Facts()).evidence["dead_frac"]
    0.9
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Facts, Finding, loss_key, metric_vs_baseline, rel_improvement, series
from model_trainer.events import EpochLogged


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    dead = series(history, "dead_frac")
    if len(dead) < 3 or dead[-1] < T.DEAD_FRACTION:
        return None
    losses = series(history, loss_key(history))
    q = max(len(losses) // 4, 1)
    ratio = metric_vs_baseline(history, facts)
    if rel_improvement(losses, -q - 1) >= T.PLATEAU_IMPROVEMENT and (ratio is None or ratio < 1):
        return None  # a sparse but still learning network is not a fault
    onset = next(e.epoch for e in history if (d := e.get("dead_frac")) is not None and d >= T.DEAD_FRACTION)
    return Finding("dying_relu", onset, f"{dead[-1]:.0%} of ReLU units are never active on the validation set "
                   f"(from epoch {onset}) and the loss has stopped improving", {"dead_frac": dead[-1]})
