"""Datasets the base programs train on: real ones that ship with scikit-learn, plus synthetic ones.

Every loader returns a shuffled frame of at most 1,000 rows with standardized features (and a
standardized regression target), so that a base program on it is healthy; the data operators
then take that away on purpose.

Example:
    >>> frame, task = load("wine", seed=3)
    >>> task, "y" in frame.columns
    ('multiclass', True)
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd

TARGET = "y"
MAX_ROWS = 1000


def _finish(x: np.ndarray, y: np.ndarray, names: list[str], task: str, seed: int) -> tuple[pd.DataFrame, str]:
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(y))[:MAX_ROWS]
    x, y = x[order].astype(float), y[order]
    keep = x.std(axis=0) > 0  # a column constant on the sample would be a fault of its own
    x, names = x[:, keep], [n for n, k in zip(names, keep, strict=True) if k]
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    frame = pd.DataFrame(np.round(x, 6), columns=names)
    if task == "regression":
        y = (y - y.mean()) / y.std()
        frame[TARGET] = np.round(y.astype(float), 6)
    else:
        frame[TARGET] = y.astype(int)
    return frame, task


def _clean(names: list[str]) -> list[str]:
    return [str(n).replace(" ", "_").replace("(", "").replace(")", "").replace("/", "_") for n in names]


@functools.cache
def _bunch(loader: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    from sklearn import datasets

    bunch = getattr(datasets, loader)()
    y = bunch.target if bunch.target.ndim == 1 else bunch.target[:, 0]
    return np.asarray(bunch.data), np.asarray(y), tuple(_clean(list(bunch.feature_names)))


def _sk(loader: str, task: str) -> Callable[[int], tuple[pd.DataFrame, str]]:
    def load_it(seed: int) -> tuple[pd.DataFrame, str]:
        x, y, names = _bunch(loader)
        return _finish(x.copy(), y.copy(), list(names), task, seed)
    return load_it


def _friedman(seed: int) -> tuple[pd.DataFrame, str]:
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=600, n_features=6, noise=0.5, random_state=seed)
    return _finish(x, y, [f"x{i}" for i in range(x.shape[1])], "regression", seed)


def _blobs(seed: int) -> tuple[pd.DataFrame, str]:
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=600, n_features=8, n_informative=5, n_redundant=1, class_sep=1.2,
                               random_state=seed)
    return _finish(x, y, [f"x{i}" for i in range(x.shape[1])], "binary", seed)


def _windows(kind: str) -> Callable[[int], tuple[pd.DataFrame, str]]:
    """Sequence windows: 16 lagged values of a series, the next value as target."""
    def load_it(seed: int) -> tuple[pd.DataFrame, str]:
        rng = np.random.default_rng(seed)
        n, w = 620, 16
        t = np.arange(n + w, dtype=float)
        if kind == "sine":
            p1, p2 = rng.uniform(9, 15), rng.uniform(25, 40)
            s = np.sin(2 * np.pi * t / p1) + 0.6 * np.sin(2 * np.pi * t / p2) + 0.15 * rng.normal(size=len(t))
        else:  # a stationary AR(2) process
            s = np.zeros(len(t))
            a1, a2 = rng.uniform(1.2, 1.5), -rng.uniform(0.55, 0.7)
            for i in range(2, len(t)):
                s[i] = a1 * s[i - 1] + a2 * s[i - 2] + rng.normal()
        x = np.stack([s[i:i + w] for i in range(n)])
        y = s[w:w + n]
        return _finish(x, y, [f"lag{j:02d}" for j in range(w)], "regression", seed)
    return load_it


LOADERS: dict[str, Callable[[int], tuple[pd.DataFrame, str]]] = {
    "diabetes": _sk("load_diabetes", "regression"),
    "breast_cancer": _sk("load_breast_cancer", "binary"),
    "wine": _sk("load_wine", "multiclass"),
    "digits": _sk("load_digits", "multiclass"),
    "linnerud": _sk("load_linnerud", "regression"),
    "friedman": _friedman,
    "classif": _blobs,
    "sine_windows": _windows("sine"),
    "ar_windows": _windows("ar"),
}


def load(name: str, seed: int) -> tuple[pd.DataFrame, str]:
    if name not in LOADERS:
        raise ValueError(f"dataset must be one of {sorted(LOADERS)}, got {name!r}")
    return LOADERS[name](seed)


def split(frame: pd.DataFrame, frac: float = 0.75) -> tuple[pd.DataFrame, pd.DataFrame]:
    cut = round(len(frame) * frac)
    return frame.iloc[:cut].reset_index(drop=True), frame.iloc[cut:].reset_index(drop=True)
