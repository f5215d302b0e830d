"""``oscillating_loss``: large swings of the loss in the second half of training.

Amplitude-aware: small-batch SGD makes the loss wiggle from epoch to epoch; only swings that are
large relative to the loss level, and that keep changing direction, count.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1.0 if i % 2 else 3.0}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts()).symptom
    'oscillating_loss'
"""

from __future__ import annotations

import itertools
import statistics

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, finite, series
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("oscillating_loss", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "learning_rate_too_high", "unscaled_features", "unscaled_target",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "standardize", "adam", "standardize_target",
    ),
)


def amplitude(values: list[float], scale: float = 0.0) -> tuple[float, float]:
    """(mean |change| / level, share of direction changes) of a series.

    The level is the series' mean, but at least ``scale``: a loss converged near zero makes tiny
    swings look huge relative to its own level, so callers pass a share of the starting loss.
    """
    diffs = [b - a for a, b in itertools.pairwise(values)]
    level = max(statistics.fmean(abs(v) for v in values), scale) or 1e-12
    rel = statistics.fmean(abs(d) for d in diffs) / level
    flips = sum(1 for a, b in itertools.pairwise(diffs) if a * b < 0) / max(len(diffs) - 1, 1)
    return rel, flips


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    worst: tuple[float, float, str] | None = None
    for key in ("train_loss", "val_loss"):
        values = finite(series(history, key))
        if len(values) < T.OSC_MIN_EPOCHS:
            continue
        rel, flips = amplitude(values[len(values) // 2:], T.OSC_LEVEL_FLOOR * abs(values[0]))
        if rel >= T.OSC_REL_AMPLITUDE and flips >= T.OSC_SIGN_CHANGES and (worst is None or rel > worst[0]):
            worst = (rel, flips, key)
    if worst is None:
        return None
    rel, flips, key = worst
    onset = history[len(history) // 2].epoch
    return Finding("oscillating_loss", onset,
                   f"{key} swings by {rel:.0%} of its level from epoch to epoch in the second half of training, "
                   f"changing direction {flips:.0%} of the time",
                   {"rel_amplitude": rel, "direction_changes": flips, "series": key})
