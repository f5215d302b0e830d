"""Faults in the loss: losses that do not fit the task or the output layer.

Example:
    >>> from faults.programs import base
    >>> p = base("mlp_fn", "classif", seed=5)
    >>> BCE_WITHOUT_SIGMOID.inject(p, None); "nn.BCELoss()" in p.code
    True
"""

from __future__ import annotations

from ..programs import Program
from .base import Mutation


def _bce_raw(p: Program, rng: object) -> None:
    p.replace("        return nn.BCEWithLogitsLoss()", "        return nn.BCELoss()")


def _softmax_one(p: Program, rng: object) -> None:
    _bce_raw(p, rng)
    p.replace("    return loss_fn(out[:, 0], y)", "    return loss_fn(torch.softmax(out, dim=1)[:, 0], y)")
    p.replace("        return (out[:, 0] > 0).numpy().astype(np.int64)",
              "        return (torch.softmax(out, dim=1)[:, 0] > 0.5).numpy().astype(np.int64)")


def _mse_labels(p: Program, rng: object) -> None:
    k = p.train["y"].nunique()
    p.replace(f"N_OUT = {k}\n", "N_OUT = 1\n")
    p.replace("        return nn.CrossEntropyLoss()", "        return nn.MSELoss()")
    p.replace("        return loss_fn(out, y.long())", "        return loss_fn(out[:, 0], y)")
    p.replace("        return out.argmax(dim=1).numpy()",
              f"        return np.clip(np.rint(out[:, 0].numpy()), 0, {k - 1}).astype(np.int64)")


BCE_WITHOUT_SIGMOID = Mutation(
    name="bce_without_sigmoid", family="loss", bases=("mlp_fn",), tasks=("binary",), mutate=_bce_raw,
    effect="error", error_text="between 0 and 1", symptoms=("training_error", "nan_loss"),
    causes=("loss_mismatch",), repairable=False,
    description="nn.BCELoss on raw logits (BCEWithLogitsLoss, or a sigmoid, was meant)")
SOFTMAX_SINGLE_UNIT = Mutation(
    name="softmax_single_unit", family="loss", bases=("mlp_fn",), tasks=("binary",), mutate=_softmax_one,
    effect="constant", symptoms=("constant_output", "vanishing_gradients", "underfitting"),
    causes=("loss_mismatch", "output_range_mismatch"), repairable=False,
    description="softmax over a single output unit: the probability is always 1, the gradient always 0")
MSE_ON_LABELS = Mutation(
    name="mse_on_class_labels", family="loss", bases=("mlp_fn",), tasks=("multiclass",), datasets=("digits",),
    mutate=_mse_labels,
    effect="worse", symptoms=("underfitting", "slow_convergence"), causes=("loss_mismatch",), repairable=False,
    description="class indices regressed with MSE on one output unit and rounded")

OPERATORS = [BCE_WITHOUT_SIGMOID, SOFTMAX_SINGLE_UNIT, MSE_ON_LABELS]
