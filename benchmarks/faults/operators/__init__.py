"""Fault operators, one module per family (loop, data, model, loss, optimiser, mle).

Example:
    >>> sorted({op.family for op in ALL})
    ['data', 'loop', 'loss', 'mle', 'model', 'optimiser']
"""

from __future__ import annotations

from . import data, loop, loss, mle, model, optim
from .base import Mutation, Operator, Outcome

ALL: list[Operator] = [*loop.OPERATORS, *data.OPERATORS, *model.OPERATORS, *loss.OPERATORS, *optim.OPERATORS,
                       *mle.OPERATORS]
BY_NAME = {op.name: op for op in ALL}
if len(BY_NAME) != len(ALL):
    raise RuntimeError("two fault operators share a name")

__all__ = ["ALL", "BY_NAME", "Mutation", "Operator", "Outcome"]
