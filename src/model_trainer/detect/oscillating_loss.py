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
from model_trainer.detect.base import Descriptor, Facts, Finding, applicable_references, finite, series
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("oscillating_loss", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "learning_rate_too_high", "unscaled_features", "unscaled_target", "training_loop_bug",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "standardize", "adam", "standardize_target", "clip_gradients",
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
    if worst is None or _score_holds(history, facts):
        return None
    rel, flips, key = worst
    onset = history[len(history) // 2].epoch
    return Finding("oscillating_loss", onset,
                   f"{key} swings by {rel:.0%} of its level from epoch to epoch in the second half of training, "
                   f"changing direction {flips:.0%} of the time",
                   {"rel_amplitude": rel, "direction_changes": flips, "series": key})


def _score_holds(history: list[EpochLogged], facts: Facts) -> bool:
    """A classifier's loss that swings while the share of rows it gets right holds (second half: a mean change of at
    most ``OSC_SCORE_SWING``) at or beyond every reference: a cross-entropy is moved by a few confident rows, and
    the score the model is judged by says the steps are not overshooting. Never said without references.

    >>> from types import SimpleNamespace
    >>> loss = [1.38, 1.4, 1.5, 1.0, 0.8, 0.7, 0.38, 0.27, 0.22, 0.11, 0.2, 0.12, 0.225, 0.046, 0.063, 0.062, 0.103,
    ...         0.031, 0.037, 0.024, 0.031, 0.01, 0.025, 0.009, 0.015]
    >>> acc = [0.33, 0.33, 0.33, 0.45, 0.68, 0.69, 0.91, 0.92, 0.92, 0.96, 0.93, 0.96, 0.905, 0.983, 0.983, 0.978,
    ...        0.962, 0.995, 0.988, 0.99, 0.988, 0.998, 0.993, 0.998, 0.993]
    >>> h = [EpochLogged(i + 1, {"val_loss": v, "metric": a}, 0.1) for i, (v, a) in enumerate(zip(loss, acc))]
    >>> refs = SimpleNamespace(references={"constant": 0.33, "linear": 0.49, "boosting": 0.89})
    >>> detect(h, Facts(metric="accuracy", higher_is_better=True)).symptom
    'oscillating_loss'
    >>> detect(h, Facts(metric="accuracy", higher_is_better=True, data=refs)) is None
    True
    """
    if facts.metric not in _COUNTED_SCORES or not facts.higher_is_better:
        return False
    scores = finite(series(history, "metric"))
    refs = applicable_references(facts)
    if len(scores) < T.OSC_MIN_EPOCHS or not refs or any(not 0 <= v <= 1 for v in scores):
        return False
    half = scores[len(scores) // 2:]
    swing = statistics.fmean(abs(b - a) for a, b in itertools.pairwise(half))
    return swing <= T.OSC_SCORE_SWING and half[-1] >= max(refs.values())


# scores counted in rows (bounded by 0 and 1, higher is better)
_COUNTED_SCORES = ("accuracy", "balanced_accuracy", "f1", "auc")
