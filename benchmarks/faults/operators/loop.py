"""Faults in the user's own training loop (function mode, torch): bookkeeping a loop gets wrong.

Example:
    >>> from faults.programs import base
    >>> p = base("mlp_fn", "friedman", seed=1)
    >>> NO_ZERO_GRAD.inject(p, None); "opt.zero_grad()" in p.code
    False
"""

from __future__ import annotations

from ..programs import Program
from .base import TORCH_FN, Mutation


def _no_zero_grad(p: Program, rng: object) -> None:
    p.replace("            opt.zero_grad()\n", "")


def _sched_per_batch(p: Program, rng: object) -> None:
    p.replace("        sched.step()\n", "")
    p.replace("            opt.step()\n", "            opt.step()\n            sched.step()\n")


def _sgd(p: Program, rng: object) -> None:
    p.config.update(optimizer="sgd", lr=0.01, momentum=0.9)


def _loss_summed(p: Program, rng: object) -> None:
    p.replace("    return nn.MSELoss()", '    return nn.MSELoss(reduction="sum")')


def _batchnorm(p: Program, rng: object) -> None:
    p.replace("self.body = nn.Sequential(nn.Linear(n_features, h), act(),",
              "self.body = nn.Sequential(nn.Linear(n_features, h), nn.BatchNorm1d(h), act(),")


def _no_train_mode(p: Program, rng: object) -> None:
    # a baseline evaluation before the loop puts the net in eval mode, and nothing puts it back
    p.replace("        net.train()\n", "")


NO_ZERO_GRAD = Mutation(
    name="no_zero_grad", family="loop", bases=TORCH_FN, setup=_sgd, mutate=_no_zero_grad, effect="nonfinite_or_worse",
    symptoms=("exploding_gradients", "oscillating_loss", "nan_loss", "underfitting", "slow_convergence"),
    causes=("training_loop_bug",), repairable=False,
    description="optimizer.zero_grad() removed: gradients accumulate across every step of the run")
SCHED_PER_BATCH = Mutation(
    name="scheduler_per_batch", family="loop", bases=TORCH_FN, mutate=_sched_per_batch, effect="worse",
    symptoms=("slow_convergence", "underfitting", "vanishing_gradients"), causes=("training_loop_bug",),
    repairable=False,
    description="StepLR meant per epoch is stepped per batch: the learning rate decays to ~0 in a few epochs")
LOSS_SUMMED = Mutation(
    name="loss_summed", family="loop", bases=TORCH_FN, tasks=("regression",), setup=_sgd, mutate=_loss_summed,
    effect="nonfinite_or_worse", symptoms=("nan_loss", "exploding_gradients", "oscillating_loss"),
    causes=("training_loop_bug", "learning_rate_too_high"), repairable=True,
    description="MSE summed over the batch instead of averaged under SGD: the step is batch_size times larger")
NO_TRAIN_MODE = Mutation(
    name="no_train_mode", family="loop", bases=("mlp_fn",), setup=_batchnorm, mutate=_no_train_mode,
    effect="worse", symptoms=("underfitting", "slow_convergence", "oscillating_loss"),
    causes=("training_loop_bug",), repairable=False,
    description="net.train() never called again after the first validation: BatchNorm trains in eval mode")

OPERATORS = [NO_ZERO_GRAD, SCHED_PER_BATCH, LOSS_SUMMED, NO_TRAIN_MODE]
