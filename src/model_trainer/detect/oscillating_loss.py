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
from model_trainer.detect.base import Facts, Finding, finite, loss_key, series
from model_trainer.events import EpochLogged


def amplitude(values: list[float]) -> tuple[float, float]:
    """(mean |change| / mean level, share of direction changes) of a series."""
    diffs = [b - a for a, b in itertools.pairwise(values)]
    level = statistics.fmean(abs(v) for v in values) or 1e-12
    rel = statistics.fmean(abs(d) for d in diffs) / level
    flips = sum(1 for a, b in itertools.pairwise(diffs) if a * b < 0) / max(len(diffs) - 1, 1)
    return rel, flips


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    key = loss_key(history)
    values = finite(series(history, key))
    if len(values) < T.OSC_MIN_EPOCHS:
        return None
    tail = values[len(values) // 2:]
    rel, flips = amplitude(tail)
    if rel >= T.OSC_REL_AMPLITUDE and flips >= T.OSC_SIGN_CHANGES:
        onset = history[len(history) // 2].epoch
        return Finding("oscillating_loss", onset,
                       f"{key} swings by {rel:.0%} of its level from epoch to epoch in the second half of training, "
                       f"changing direction {flips:.0%} of the time",
                       {"rel_amplitude": rel, "direction_changes": flips, "series": key})
    return None
