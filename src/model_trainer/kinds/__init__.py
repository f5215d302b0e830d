"""How to train one kind of model, one module each. A kind is ``run(job, monitor, emit) -> ModelBundle``.

To add a kind: write ``kinds/NAME.py`` with a ``run`` function and add one line to ``_KINDS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
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
