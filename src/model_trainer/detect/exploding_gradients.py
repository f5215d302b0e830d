"""``exploding_gradients``: gradient norms growing by orders of magnitude, or a diverging loss. A loss that had fallen
and then jumps by less than ``EXPLODE_GROWTH`` (before any gradient was seen growing that much) is named
``oscillating_loss`` here, online, because the run is stopped at the jump and the swings that would follow are never
recorded.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 10.0 ** i, "grad_norm": 10.0 ** (2 * i)}, 0.1) for i in range(1, 5)]
    >>> detect(h, Facts()).symptom
    'exploding_gradients'
    >>> blew = [(3054.0, 1.8), (2801.0, 49401.0), (1.8, 90154.0), (1.3, 99786.0), (2.2, 101825.0)]
    >>> h = [EpochLogged(i, {"train_loss": t, "val_loss": v}, 0.1) for i, (t, v) in enumerate(blew, 1)]
    >>> detect(h, Facts()).message.split(" (")[0]
    'the validation loss blew up: 1.8000 -> 49401.0000 at epoch 2'
"""

from __future__ import annotations

import math
from itertools import pairwise

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, finite, loss_key, series
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num

DESCRIPTOR = Descriptor("exploding_gradients", "NUMERICAL", online=True, horizon=False,
    causes=(
        "learning_rate_too_high", "unscaled_features", "unscaled_target", "gradient_heterogeneity",
        "training_loop_bug",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "standardize", "standardize_target", "clip_gradients", "adam",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    if facts.kind == "mle":
        return None  # a likelihood's gradient scales with the data; a fit's trouble shows in its diagnostics
    grads = finite(series(history, "grad_norm"))
    losses = finite(series(history, loss_key(history)))
    by_loss = _loss_divergence(losses)
    if grads and grads[0] > 0:
        peak = max(grads)
        growth = peak / grads[0]
        # An absolute bound alone would flag any loss on a large scale (an unscaled target); it counts
        # only while the loss is rising with it.
        rising = len(losses) >= 2 and losses[-1] > losses[0]
        if growth >= T.EXPLODE_GROWTH or (peak >= T.EXPLODE_ABS and rising):
            onset = next(e.epoch for e in history if (g := e.get("grad_norm")) is not None and math.isfinite(g)
                         and (g / grads[0] >= T.EXPLODE_GROWTH or (g >= T.EXPLODE_ABS and rising)))
            if by_loss is not None and by_loss.symptom == "oscillating_loss" and (by_loss.onset_epoch or 0) < onset:
                # the jump came first: what the run shows is the jump, however long it went on before it was stopped
                return by_loss
            why = (f"it passed {T.EXPLODE_GROWTH:g}x its first value at epoch {onset}" if growth >= T.EXPLODE_GROWTH
                   else f"it passed {T.EXPLODE_ABS:g} at epoch {onset} while the loss rose")
            return Finding("exploding_gradients", onset,
                           f"gradient norm grew {num(grads[0])} -> {num(peak)} ({growth:.3g}x); {why}",
                           {"first_grad": grads[0], "peak_grad": peak, "growth": growth})
    if by_loss is not None:
        return by_loss
    return _validation_blew_up(history) or _blown_from_start(history, facts)


def _loss_divergence(losses: list[float]) -> Finding | None:
    """The loss rose to ``DIVERGE_FACTOR`` times its minimum so far (and above where it started). After it had fallen
    below its first value, a jump of less than ``EXPLODE_GROWTH`` times is a step that overshoots the minimum it was
    settling into, the swing an oscillating loss starts with (the run is stopped there, so the swings that would
    follow are never seen); a loss that never fell, or grew more than that, diverged."""
    if len(losses) < 3:
        return None
    lo = losses[0]
    for i, v in enumerate(losses[1:], 1):
        lo = min(lo, losses[i - 1])
        if lo > 0 and v > T.DIVERGE_FACTOR * lo and v > losses[0]:
            evidence = {"min_loss": lo, "diverged_to": v, "growth": v / lo}
            if lo < losses[0] and v / lo < T.EXPLODE_GROWTH:
                return Finding("oscillating_loss", i + 1,
                               f"the loss jumped: {num(lo)} -> {num(v)} ({v / lo:.3g}x its minimum so far)", evidence)
            return Finding("exploding_gradients", i + 1,
                           f"the loss diverged: {num(lo)} -> {num(v)} ({v / lo:.3g}x its minimum so far)", evidence)
    return None


def _blown_from_start(history: list[EpochLogged], facts: Facts) -> Finding | None:
    """Every validation error logged is ``BLOWN_FROM_START`` times the constant predictor's or more: the weights blew
    up within the first epoch, so no growth from a first value shows (the loss may even fall slowly from 1e38)."""
    base = facts.baseline_metric
    if facts.metric not in ("rmse", "mae") or not base or base <= 0:
        return None
    values = series(history, "metric")
    if not values or any(math.isfinite(v) and v < T.BLOWN_FROM_START * base for v in values):
        return None
    best = min(values)
    return Finding("exploding_gradients", history[0].epoch,
                   f"the validation {facts.metric} was {num(values[0])} at epoch {history[0].epoch} and never below "
                   f"{num(best)}, {best / base:.3g}x the constant predictor's {num(base)}: the model blew up within "
                   "its first epoch", {"blown_ratio": best / base, "baseline": base})


def _validation_blew_up(history: list[EpochLogged]) -> Finding | None:
    """The validation loss jumped by ``DIVERGE_FACTOR`` from one epoch to the next, to that many times where it
    started, and never came back: the weights blew up within an epoch, whatever the training loss (averaged over the
    epoch's batches, or falling again on a network whose units died in the blow-up) shows. A loss that creeps up over
    many epochs is overfitting, and a near-perfect classifier's loss jumping from 0.01 to 0.2 is not above where
    it started.
    """
    if not series(history, "train_loss"):
        return None  # the validation loss is the loss judged above
    vals = [(e.epoch, v) for e in history if (v := e.get("val_loss")) is not None and math.isfinite(v)]
    if len(vals) < 3:
        return None
    after = [v for _, v in vals]  # after[i]: the lowest value from epoch i on (a long log: one pass each way)
    for i in range(len(after) - 2, -1, -1):
        after[i] = min(after[i], after[i + 1])
    lo = vals[0][1]
    for i in range(1, len(vals) - 1):
        lo = min(lo, vals[i - 1][1])
        (_, before), (epoch, v) = vals[i - 1], vals[i]
        if lo > 0 and before > 0 and v > T.DIVERGE_FACTOR * max(before, vals[0][1]) \
                and after[i] > T.DIVERGE_FACTOR * max(lo, vals[0][1]):
            if _training_settled(history, epoch):
                return None  # the validation rows alone diverge: a gap between the splits, judged as such
            return Finding("exploding_gradients", epoch,
                           f"the validation loss blew up: {num(before)} -> {num(v)} at epoch {epoch} "
                           f"({v / lo:.3g}x its minimum so far) and stayed above {T.DIVERGE_FACTOR:g}x where it "
                           "started",
                           {"min_loss": lo, "diverged_to": v, "growth": v / lo, "series": "val_loss"})
    return None


def _training_settled(history: list[EpochLogged], upto: int) -> bool:
    """Up to epoch ``upto`` the training loss fell every epoch and stayed below the validation loss: weights that
    blow up within an epoch leave that epoch's training average far above where it was (or above the validation
    loss, measured after the epoch), so a validation loss that blows up beside a training loss that did neither
    is the validation rows failing a model that fits its own: a gap between the splits, not a divergence."""
    pairs = [(t, v) for e in history if e.epoch <= upto and (t := e.get("train_loss")) is not None
             and (v := e.get("val_loss")) is not None]
    if len(pairs) < 2 or not all(math.isfinite(t) and math.isfinite(v) for t, v in pairs):
        return False
    return (all(t <= v for t, v in pairs)
            and all(b <= a * T.TRAIN_SETTLED_RISE for (a, _), (b, _) in pairwise(pairs)))
