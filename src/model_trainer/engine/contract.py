"""What the user's code must hand back: a model that predicts and can be saved, and at least one epoch.

A breach is not a crash of the user's code (nothing raised) and not a success either: the run fails
with a ``ContractViolation`` whose message says exactly what was missing, and the diary quotes it.

Example:
    >>> problems = return_problems("train_model", None, epochs=0, signature_returns_history=False)
    >>> problems[0]
    'train_model returned None instead of the trained model'
"""

from __future__ import annotations

import sys
from typing import Any


class ContractViolation(Exception):
    """The user's code finished but did not return what the contract asks for."""


def is_torch_module(model: Any) -> bool:
    torch = sys.modules.get("torch")  # a torch model implies torch is already imported
    return torch is not None and isinstance(model, torch.nn.Module)


def return_problems(function: str, model: Any, *, epochs: int, signature_returns_history: bool) -> list[str]:
    """Every way the returned value and the logged epochs fall short; empty when all is well."""
    problems = []
    if model is None:
        problems.append(f"{function} returned None instead of the trained model")
    elif not callable(getattr(model, "predict", None)) and not is_torch_module(model):
        problems.append(f"the model {function} returned ({type(model).__name__}) has no predict() method, so "
                        "results/model_final.pkl could not predict: return an object with predict(data_frame) "
                        "(a scikit-learn estimator, a class of your own) or a torch nn.Module")
    if epochs == 0:
        problems.append(f"{function} logged no epoch" + (
            " and returned no history: return (model, history) with one row per epoch" if signature_returns_history
            else ": call monitor.log_epoch(train_loss=..., val_loss=...) once per epoch, or return "
                 "(model, history)"))
    return problems


def unpicklable(model_type: str, exc: BaseException) -> str:
    return (f"the trained model ({model_type}) cannot be pickled, so it cannot be saved: {type(exc).__name__}: "
            f"{exc}. Keep lambdas, open files, locks, generators and local classes out of the returned model")
