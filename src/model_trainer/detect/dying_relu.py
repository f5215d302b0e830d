"""``dying_relu``: most ReLU units never activate on the validation set while the loss is stuck.

Also when nearly every gradient entry is exactly zero in a network with ReLU-family units: dead
units pass no gradient, so the zero-gradient share shows the death even where units downstream of
dead ones still emit a constant.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1.0, "dead_frac": 0.9}, 0.1) for i in range(1, 6)]
    >>> detect(h, Facts()).evidence["dead_frac"]
    0.9
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, loss_key, metric_vs_baseline, rel_improvement, series
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("dying_relu", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "learning_rate_too_high", "bad_initialization", "saturating_activation",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "switch_activation", "kaiming_init",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    dead = series(history, "dead_frac")
    zero = series(history, "zero_grad_frac")
    if len(dead) < 3:
        return None
    by_units = dead[-1] >= T.DEAD_FRACTION
    by_grads = bool(zero) and zero[-1] >= T.ZERO_GRAD_FRACTION
    if not (by_units or by_grads):
        return None
    losses = series(history, loss_key(history))
    q = max(len(losses) // 4, 1)
    ratio = metric_vs_baseline(history, facts)
    if rel_improvement(losses, -q - 1) >= T.PLATEAU_IMPROVEMENT and (ratio is None or ratio < 1):
        return None  # a sparse but still learning network is not a fault
    def dead_at(e: EpochLogged) -> bool:
        d, z = e.get("dead_frac"), e.get("zero_grad_frac")
        return (d is not None and d >= T.DEAD_FRACTION) or (z is not None and z >= T.ZERO_GRAD_FRACTION)

    onset = next(e.epoch for e in history if dead_at(e))
    why = (f"{dead[-1]:.0%} of ReLU units are never active on the validation set" if by_units else
           f"{zero[-1]:.1%} of gradient entries are exactly zero ({dead[-1]:.0%} of ReLU units never active)")
    return Finding("dying_relu", onset, f"{why} from epoch {onset}, and the loss has stopped improving",
                   {"dead_frac": dead[-1], "zero_grad_frac": zero[-1] if zero else None})
