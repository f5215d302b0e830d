"""model-trainer: runs a training under supervision, repairs what goes wrong, writes down what happened."""

from __future__ import annotations

from typing import Any

__all__ = ["IntegrityError", "ModelBundle", "__version__", "load_model"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # imported on first use: the command line starts its helper processes before pandas is imported
    if name in ("IntegrityError", "ModelBundle", "load_model"):
        from model_trainer import bundle

        return getattr(bundle, name)
    raise AttributeError(f"module 'model_trainer' has no attribute {name!r}")
