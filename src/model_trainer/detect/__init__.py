"""Detectors, one module per symptom (CONTRACT §5), pure: ``detect(history, facts) -> Finding | None``.

To add one: write ``detect/SYMPTOM.py`` with a ``detect`` function and add it to ``DETECTORS``.
The order is the order of diagnosis: a data fault explains a NaN, a NaN explains a divergence.
"""

from __future__ import annotations

from collections.abc import Callable

from model_trainer.detect import (
    constant_output,
    dying_relu,
    exploding_gradients,
    invalid_data,
    mle_optimizer,
    nan_loss,
    oscillating_loss,
    overfitting,
    singular_matrix,
    slow_convergence,
    underfitting,
    vanishing_gradients,
)
from model_trainer.detect.base import Facts, Finding
from model_trainer.events import EpochLogged

Detector = Callable[[list[EpochLogged], Facts], "Finding | None"]

DETECTORS: dict[str, Detector] = {
    "invalid_data": invalid_data.detect,
    "nan_loss": nan_loss.detect,
    "singular_matrix": singular_matrix.detect,
    "mle_optimizer": mle_optimizer.detect,
    "exploding_gradients": exploding_gradients.detect,
    "dying_relu": dying_relu.detect,
    "constant_output": constant_output.detect,
    "vanishing_gradients": vanishing_gradients.detect,
    "oscillating_loss": oscillating_loss.detect,
    "overfitting": overfitting.detect,
    "slow_convergence": slow_convergence.detect,
    "underfitting": underfitting.detect,
}

# Symptoms that show early and justify stopping a run while it goes.
ONLINE = ("nan_loss", "exploding_gradients")


def detect_all(history: list[EpochLogged], facts: Facts) -> list[Finding]:
    return [f for d in DETECTORS.values() if (f := d(history, facts)) is not None]


def first_finding(history: list[EpochLogged], facts: Facts) -> Finding | None:
    for d in DETECTORS.values():
        f = d(history, facts)
        if f is not None:
            return f
    return None


__all__ = ["DETECTORS", "ONLINE", "Facts", "Finding", "detect_all", "first_finding"]
