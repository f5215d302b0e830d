"""How to train one kind of model, one module each. A kind is ``run(job, monitor, emit) -> ModelBundle``.

To add a kind: write ``kinds/NAME.py`` with a ``run`` function and add one line to ``_KINDS``. A kind that runs
its own loop declares the knobs it reads as ``KNOBS`` (a ``Knobs``): the investigator and the spec read them there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_KINDS = {
    "function": "model_trainer.kinds.function",
    "torch": "model_trainer.kinds.torch",
    "mle": "model_trainer.kinds.mle",
    "sklearn": "model_trainer.kinds.sklearn",
}


def available() -> tuple[str, ...]:
    return tuple(_KINDS)


def get_kind(name: str) -> Callable[..., Any]:
    if name not in _KINDS:
        raise ValueError(f"kind {name!r} is not available; available kinds: {', '.join(_KINDS)}")
    return importlib.import_module(_KINDS[name]).run


@dataclass(frozen=True)
class Knobs:
    """The [config] keys a kind's own code reads: ``loop`` keys its loop applies whatever the spec lists (a repair
    may set them), ``model`` keys it passes to the user's builder too (the builder may give them other values),
    ``defaults`` and the value ``choices`` the loop understands (for repairs that pick among them)."""
    loop: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    defaults: dict[str, Any] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.loop, *self.model)


def knobs_of(name: str) -> Knobs:
    """The knobs kind ``name`` reads itself; none for a kind whose loop is the user's (function, mle)."""
    if name not in _KINDS:
        return Knobs()
    return getattr(importlib.import_module(_KINDS[name]), "KNOBS", None) or Knobs()
