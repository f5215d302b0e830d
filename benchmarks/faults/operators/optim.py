"""Faults in the optimiser and the hyperparameters, all in ``[config]`` (so a knob can repair them).

Example:
    >>> from faults.programs import base
    >>> p = base("linreg_np", "friedman", seed=7)
    >>> LR_X100.inject(p, None); p.config["lr"]
    10.0
"""

from __future__ import annotations

from ..programs import Program
from .base import TORCH_ALL, Mutation

GD = ("linreg_np", "logreg_np")


def _scale_lr(factor: float) -> object:
    def mutate(p: Program, rng: object) -> None:
        p.config["lr"] = float(p.config["lr"]) * factor
    return mutate


def _momentum(p: Program, rng: object) -> None:
    p.config.update(optimizer="sgd", momentum=0.99, lr=0.1)


def _few_epochs(p: Program, rng: object) -> None:
    if "max_iter" in p.config:
        p.config["max_iter"] = 3
    else:
        p.config["epochs"] = 3 if p.base != "sk_sgd" else 1


def _huge_decay(p: Program, rng: object) -> None:
    if "C" in p.config:
        p.config["C"] = 1e-5
    else:
        # for plain gradient descent the largest decay that still converges (lr * decay below the stability
        # limit): beyond it the fault would be a divergence, not over-regularisation
        huge = {"sk_sgd": 10.0, "sk_mlp": 1e3, "linreg_np": 5.0, "logreg_np": 2.0}
        p.config["weight_decay"] = huge.get(p.base, 50.0)


def _tiny_big(p: Program, rng: object) -> None:
    p.train = p.train.iloc[:40].reset_index(drop=True)
    p.config.update(hidden_units=256, epochs=25, lr=0.01)


def _long(p: Program, rng: object) -> None:
    p.config["epochs"] = 400


SYMPTOMS_HIGH = ("nan_loss", "exploding_gradients", "oscillating_loss")
LR_X100 = Mutation(
    name="lr_x100", family="optimiser", bases=(*TORCH_ALL, *GD, "sk_sgd", "sk_mlp"), mutate=_scale_lr(100.0),
    effect="nonfinite_or_worse", symptoms=(*SYMPTOMS_HIGH, "underfitting", "dying_relu"),
    causes=("learning_rate_too_high",), repairable=True, description="learning rate x100")
LR_DIV1000 = Mutation(
    name="lr_div1000", family="optimiser", bases=(*TORCH_ALL, *GD, "sk_sgd", "sk_mlp"), mutate=_scale_lr(1e-3),
    effect="worse", symptoms=("slow_convergence", "underfitting"), causes=("learning_rate_too_low",),
    repairable=True, description="learning rate /1000")
MOMENTUM_BIG_LR = Mutation(
    name="momentum_big_lr", family="optimiser", bases=TORCH_ALL, mutate=_momentum, effect="nonfinite_or_worse",
    symptoms=(*SYMPTOMS_HIGH, "underfitting", "dying_relu"), causes=("learning_rate_too_high",), repairable=True,
    description="SGD with momentum 0.99 and lr 0.1")
TOO_FEW_EPOCHS = Mutation(
    name="too_few_epochs", family="optimiser", bases=(*TORCH_ALL, *GD, "sk_sgd", "sk_mlp"), mutate=_few_epochs,
    effect="worse", symptoms=("slow_convergence", "underfitting"), causes=("insufficient_training",),
    repairable=True, description="3 epochs (1 pass for SGDRegressor)")
TOO_FEW_ITERATIONS = Mutation(
    name="too_few_iterations", family="optimiser", bases=("sk_logreg",), mutate=_few_epochs,
    effect="convergence_warning", symptoms=("slow_convergence",), causes=("insufficient_training",),
    repairable=True, description="max_iter = 3: the solver stops before converging")
HUGE_WEIGHT_DECAY = Mutation(
    name="huge_weight_decay", family="optimiser", bases=(*TORCH_ALL, *GD, "sk_sgd", "sk_logreg", "sk_mlp"),
    mutate=_huge_decay, effect="worse_or_constant", symptoms=("underfitting", "constant_output"),
    causes=("excessive_regularization",), repairable=True, description="weight decay (or 1/C) orders too large")
OVERFIT_TINY = Mutation(
    name="overfit_tiny_data", family="optimiser", bases=("mlp_fn", "mlp_torch"), tasks=("regression",),
    setup=_tiny_big, mutate=_long, effect="overfit", symptoms=("overfitting",),
    causes=("insufficient_regularization",), repairable=True,
    description="40 training rows, 256 hidden units, 400 epochs, no regularisation or early stopping")

OPERATORS = [LR_X100, LR_DIV1000, MOMENTUM_BIG_LR, TOO_FEW_EPOCHS, TOO_FEW_ITERATIONS, HUGE_WEIGHT_DECAY,
             OVERFIT_TINY]
