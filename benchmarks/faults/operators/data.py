"""Faults in the data or in how the user's code prepares it.

Example:
    >>> import numpy as np
    >>> from faults.programs import base
    >>> p = base("linreg_np", "diabetes", seed=3)
    >>> UNSCALED_FEATURES.inject(p, np.random.default_rng(3)); float(p.train.drop(columns="y").abs().max().max()) > 100
    True
"""

from __future__ import annotations

import numpy as np

from ..datasets import TARGET
from ..programs import Program
from .base import TORCH_ALL, TORCH_FN, Mutation

NUMPY = ("linreg_np", "logreg_np")
SKLEARN = ("sk_sgd", "sk_logreg", "sk_mlp")


def _features(p: Program) -> list[str]:
    return [c for c in p.train.columns if c != TARGET]


def _unscaled_features(p: Program, rng: np.random.Generator) -> None:
    for c in _features(p):
        factor = float(10 ** rng.uniform(3, 5))
        p.train[c] = (p.train[c] * factor).round(3)
        p.val[c] = (p.val[c] * factor).round(3)


def _unscaled_target(p: Program, rng: np.random.Generator) -> None:
    scale, shift = float(10 ** rng.uniform(3, 4)), float(10 ** rng.uniform(3.5, 4.5))
    p.train[TARGET] = (p.train[TARGET] * scale + shift).round(2)
    p.val[TARGET] = (p.val[TARGET] * scale + shift).round(2)


def _shuffle_code(p: Program, rng: np.random.Generator) -> None:
    if p.base in TORCH_FN:
        p.replace("    x, y = xy(data_train)\n",
                  "    x, y = xy(data_train)\n    # shuffle the training rows once\n"
                  "    x = x[torch.randperm(len(x))]\n    y = y[torch.randperm(len(y))]\n")
    else:
        p.replace("    y = data_train[TARGET].to_numpy(dtype=float)\n",
                  "    y = data_train[TARGET].to_numpy(dtype=float)\n    # shuffle the training rows once\n"
                  "    x = x[np.random.default_rng(0).permutation(len(x))]\n"
                  "    y = y[np.random.default_rng(1).permutation(len(y))]\n")


def _shuffle_data(p: Program, rng: np.random.Generator) -> None:
    p.train[TARGET] = p.train[TARGET].to_numpy()[rng.permutation(len(p.train))]


def _truncate_code(p: Program, rng: np.random.Generator) -> None:
    if p.base in TORCH_FN:
        p.replace("    y = torch.tensor(frame[TARGET].to_numpy(dtype=np.float32))\n",
                  "    y = torch.tensor(frame[TARGET].to_numpy(dtype=np.float32)"
                  ".astype(np.int64).astype(np.float32))\n")
    else:
        p.replace("    y = data_train[TARGET].to_numpy(dtype=float)\n",
                  "    y = data_train[TARGET].to_numpy(dtype=float).astype(int)\n")


def _truncate_data(p: Program, rng: np.random.Generator) -> None:
    p.train[TARGET] = p.train[TARGET].astype(int)


def _nan_rows(p: Program, rng: np.random.Generator) -> None:
    col = _features(p)[int(rng.integers(len(_features(p))))]
    rows = rng.choice(len(p.train), size=max(3, len(p.train) // 30), replace=False)
    p.train.loc[rows, col] = np.nan


def _val_units(p: Program, rng: np.random.Generator) -> None:
    cols = _features(p)
    for c in rng.choice(cols, size=max(1, len(cols) // 3), replace=False):
        p.val[c] = (p.val[c] * 100.0 + 50.0).round(3)  # the validation file in other units


def _constant_column(p: Program, rng: np.random.Generator) -> None:
    p.train["batch_version"] = 1.0
    p.val["batch_version"] = 1.0
    p.train = p.train[[c for c in p.train.columns if c != TARGET] + [TARGET]]
    p.val = p.val[list(p.train.columns)]


REGR = ("regression",)
UNSCALED_FEATURES = Mutation(
    name="unscaled_features", family="data", bases=(*TORCH_ALL, "linreg_np", "sk_sgd", "sk_mlp"),
    mutate=_unscaled_features, effect="nonfinite_or_worse",
    symptoms=("nan_loss", "exploding_gradients", "slow_convergence", "underfitting", "oscillating_loss",
              "invalid_data"),
    causes=("unscaled_features",), repairable=True,
    description="every feature multiplied by 1e3..1e5 (raw units, never standardized)")
UNSCALED_TARGET = Mutation(
    name="unscaled_target", family="data", bases=(*TORCH_ALL, "linreg_np", "sk_sgd", "sk_mlp"), tasks=REGR,
    mutate=_unscaled_target, effect="nonfinite_or_worse",
    symptoms=("nan_loss", "exploding_gradients", "slow_convergence", "underfitting", "oscillating_loss"),
    causes=("unscaled_target",), repairable=True,
    description="the regression target in raw units (scale 1e3..1e4, offset 3e3..3e4)")
SHUFFLED_LABELS_CODE = Mutation(
    name="labels_shuffled", family="data", bases=(*TORCH_FN, *NUMPY), mutate=_shuffle_code, effect="worse",
    symptoms=("underfitting", "overfitting", "constant_output", "slow_convergence"), causes=("label_corruption",),
    repairable=False, description="inputs and labels shuffled with two different permutations")
SHUFFLED_LABELS_DATA = Mutation(
    name="labels_shuffled_file", family="data", bases=("mlp_torch", *SKLEARN), mutate=_shuffle_data,
    effect="worse", symptoms=("underfitting", "overfitting", "constant_output", "slow_convergence"),
    causes=("label_corruption",), repairable=False,
    description="the training file's label column no longer matches its rows")
TRUNCATING_CAST_CODE = Mutation(
    name="truncating_cast", family="data", bases=(*TORCH_FN, "linreg_np"), tasks=REGR, mutate=_truncate_code,
    effect="worse", symptoms=("underfitting", "slow_convergence", "constant_output"),
    causes=("label_corruption",), repairable=False,
    description="the float target cast to int before training (truncation toward zero)")
TRUNCATING_CAST_DATA = Mutation(
    name="truncating_cast_file", family="data", bases=("mlp_torch", "sk_sgd", "sk_mlp"), tasks=REGR,
    mutate=_truncate_data, effect="worse", symptoms=("underfitting", "slow_convergence", "constant_output"),
    causes=("label_corruption", "train_val_mismatch"), repairable=False,
    description="the training file's target was written as int (truncated), the validation file's as float")
NAN_ROWS = Mutation(
    name="nan_rows", family="data", bases=(*TORCH_ALL, *NUMPY), mutate=_nan_rows, effect="nonfinite",
    symptoms=("nan_loss", "invalid_data"), causes=("invalid_data",), repairable=True,
    description="about 3% of training rows have NaN in one feature")
NAN_ROWS_SK = Mutation(
    name="nan_rows_sklearn", family="data", bases=SKLEARN, mutate=_nan_rows, effect="error", error_text="NaN",
    symptoms=("invalid_data", "training_error"), causes=("invalid_data",), repairable=True,
    description="about 3% of training rows have NaN in one feature; scikit-learn refuses to fit")
TRAIN_VAL_MISMATCH = Mutation(
    name="train_val_mismatch", family="data", bases=(*TORCH_ALL, *NUMPY, *SKLEARN), mutate=_val_units,
    effect="worse", symptoms=("invalid_data", "overfitting", "underfitting"), causes=("train_val_mismatch",),
    repairable=False,
    description="a third of the validation file's features in other units (x100 + 50) than the training file's")
CONSTANT_COLUMN = Mutation(
    name="constant_column", family="data", bases=("logreg_np",), mutate=_constant_column, effect="nonfinite",
    symptoms=("nan_loss", "invalid_data"), causes=("invalid_data",), repairable=True,
    description="a constant column, which the code's own standardization divides by a zero standard deviation")

OPERATORS = [UNSCALED_FEATURES, UNSCALED_TARGET, SHUFFLED_LABELS_CODE, SHUFFLED_LABELS_DATA, TRUNCATING_CAST_CODE,
             TRUNCATING_CAST_DATA, NAN_ROWS, NAN_ROWS_SK, TRAIN_VAL_MISMATCH, CONSTANT_COLUMN]
