"""Detectors, one module per symptom (CONTRACT §5), pure: ``detect(history, facts) -> Finding | None``.

To add one: write ``detect/SYMPTOM.py`` with a ``detect`` function and a ``DESCRIPTOR`` (category, online or
post-hoc, horizon, likely causes) and add the module to ``_MODULES``.
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
from model_trainer.detect.base import Descriptor, Facts, Finding
from model_trainer.events import EpochLogged

Detector = Callable[[list[EpochLogged], Facts], "Finding | None"]

# the order is the order findings are reported in; a module without a DESCRIPTOR of its own (``mle_optimizer``)
# reports symptoms that other modules describe
_MODULES = (invalid_data, nan_loss, singular_matrix, mle_optimizer, exploding_gradients, dying_relu, constant_output,
            vanishing_gradients, oscillating_loss, overfitting, slow_convergence, underfitting)

DESCRIPTORS: dict[str, Descriptor] = {m.DESCRIPTOR.name: m.DESCRIPTOR for m in _MODULES if hasattr(m, "DESCRIPTOR")}
DETECTORS: dict[str, Detector] = {m.__name__.rsplit(".", 1)[-1]: m.detect for m in _MODULES}
# Symptoms that show early and justify stopping a run while it goes.
ONLINE = tuple(n for n, d in DESCRIPTORS.items() if d.online)
# Symptoms that only show over the whole planned horizon: their tests run full length.
HORIZON = tuple(n for n, d in DESCRIPTORS.items() if d.horizon)


def category(symptom: str) -> str:
    d = DESCRIPTORS.get(symptom)
    return d.category if d else "CONVERGENCE"


def detect_all(history: list[EpochLogged], facts: Facts) -> list[Finding]:
    """Every detector over a recorded history (post-hoc use, e.g. ``diagnose``)."""
    return [f for d in DETECTORS.values() if (f := d(history, facts)) is not None]


def first_finding(history: list[EpochLogged], facts: Facts) -> Finding | None:
    for d in DETECTORS.values():
        f = d(history, facts)
        if f is not None:
            return f
    return None


__all__ = ["DESCRIPTORS", "DETECTORS", "HORIZON", "ONLINE", "Descriptor", "Facts", "Finding", "category",
           "detect_all", "first_finding"]
