"""Faults in the model: output layers that cannot reach the target, capacity, saturation, BatchNorm.

Example:
    >>> from faults.programs import base
    >>> p = base("cnn_fn", "ar_windows", seed=2)
    >>> RELU_HEAD_CODE.inject(p, None); "torch.relu(self.head(z))" in p.code
    True
"""

from __future__ import annotations

import numpy as np

from ..programs import Program
from .base import TORCH_FN, Mutation
from .loop import _batchnorm


def _head(fn: str) -> object:
    def mutate(p: Program, rng: object) -> None:
        p.replace("        return self.head(z)", f"        return torch.{fn}(self.head(z))")
    return mutate


def _cfg(**values: object) -> object:
    def mutate(p: Program, rng: object) -> None:
        p.config.update(values)
    return mutate


def _wide_init_code(p: Program, rng: object) -> None:
    p.replace("        self.head = nn.Linear(h, N_OUT)\n",
              "        self.head = nn.Linear(h, N_OUT)\n        for m in self.body:\n"
              "            if isinstance(m, nn.Linear):\n                nn.init.normal_(m.weight, std=4.0)\n")


def _wide_init_kind(p: Program, rng: object) -> None:
    # the tool's own `init` knob, applied after build_model, can override this
    p.replace("    return net\n", "    for m in net.modules():\n        if isinstance(m, nn.Linear):\n"
              "            nn.init.normal_(m.weight, std=4.0)\n    return net\n")


def _batch_of_one(p: Program, rng: np.random.Generator) -> None:
    n = len(p.train)
    sizes = [b for b in range(16, 129) if n % b == 1]
    if not sizes:  # drop rows until some batch size leaves one row over
        p.train = p.train.iloc[: n - (n % 32) + 1].reset_index(drop=True)
        sizes = [32]
    p.config["batch_size"] = int(sizes[int(rng.integers(len(sizes)))])


REGR = ("regression",)
HEAD_SYMPTOMS = ("underfitting", "constant_output", "dying_relu", "vanishing_gradients", "slow_convergence")
RELU_HEAD_CODE = Mutation(
    name="relu_head", family="model", bases=TORCH_FN, tasks=REGR, mutate=_head("relu"), effect="worse",
    symptoms=HEAD_SYMPTOMS, causes=("output_range_mismatch",), repairable=False,
    description="a ReLU on the regression head: it cannot produce the negative half of the target")
SIGMOID_HEAD_CODE = Mutation(
    name="sigmoid_head", family="model", bases=TORCH_FN, tasks=REGR, mutate=_head("sigmoid"), effect="worse",
    symptoms=HEAD_SYMPTOMS, causes=("output_range_mismatch",), repairable=False,
    description="a sigmoid on the regression head: outputs in (0, 1) for a target spread over (-3, 3)")
RELU_HEAD_CFG = Mutation(
    name="relu_head_config", family="model", bases=("mlp_torch",), tasks=REGR, mutate=_cfg(output_activation="relu"),
    effect="worse", symptoms=HEAD_SYMPTOMS, causes=("output_range_mismatch",), repairable=True,
    description="output_activation = relu on a regression target with negative values")
SIGMOID_HEAD_CFG = Mutation(
    name="sigmoid_head_config", family="model", bases=("mlp_torch",), tasks=REGR,
    mutate=_cfg(output_activation="sigmoid"), effect="worse", symptoms=HEAD_SYMPTOMS,
    causes=("output_range_mismatch",), repairable=True,
    description="output_activation = sigmoid on a regression target spread over (-3, 3)")
TINY_CAPACITY = Mutation(
    name="tiny_capacity", family="model", bases=(*TORCH_FN, "mlp_torch", "sk_mlp"), mutate=_cfg(hidden_units=1),
    effect="worse", symptoms=("underfitting", "slow_convergence", "constant_output"),
    causes=("insufficient_capacity",), repairable=True, description="hidden_units = 1")


def _sigmoid(p: Program, rng: object) -> None:
    # plain SGD: Adam's per-parameter scaling would hide much of the saturation
    p.config.update(activation="sigmoid", optimizer="sgd", lr=0.05, momentum=0.9)


SATURATING_INIT_CFG = Mutation(
    name="saturating_init", family="model", bases=("mlp_torch",), setup=_sigmoid, mutate=_wide_init_kind,
    effect="worse", symptoms=("vanishing_gradients", "underfitting", "slow_convergence", "constant_output"),
    causes=("saturating_activation", "bad_initialization"), repairable=True,
    description="build_model initialises sigmoid layers with N(0, 4^2) weights; init = xavier overrides it")
SATURATING_INIT_CODE = Mutation(
    name="saturating_init_code", family="model", bases=("mlp_fn",), setup=_sigmoid, mutate=_wide_init_code,
    effect="worse", symptoms=("vanishing_gradients", "underfitting", "slow_convergence", "constant_output"),
    causes=("saturating_activation", "bad_initialization"), repairable=False,
    description="the code initialises sigmoid layers with N(0, 4^2) weights")
BATCHNORM_BATCH1 = Mutation(
    name="batchnorm_batch_of_one", family="model", bases=("mlp_fn",), setup=_batchnorm, mutate=_batch_of_one,
    effect="error", error_text="more than 1 value per channel", symptoms=("training_error",),
    causes=("code_error", "training_loop_bug", "invalid_data"), repairable=True,
    description="BatchNorm with a batch_size that leaves a last batch of one row")

OPERATORS = [RELU_HEAD_CODE, SIGMOID_HEAD_CODE, RELU_HEAD_CFG, SIGMOID_HEAD_CFG, TINY_CAPACITY, SATURATING_INIT_CFG,
             SATURATING_INIT_CODE, BATCHNORM_BATCH1]
