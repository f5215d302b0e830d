"""model-trainer: runs a training under supervision, repairs what goes wrong, writes down what happened."""

from __future__ import annotations

from model_trainer.bundle import IntegrityError, ModelBundle, load_model

__all__ = ["IntegrityError", "ModelBundle", "__version__", "load_model"]
__version__ = "0.1.0"
