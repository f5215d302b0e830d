"""What every kind does before training: import the user's code, read and repair the data."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from model_trainer.data import feature_columns
from model_trainer.engine.job import Job
from model_trainer.preprocess import (
    Preprocess,
    align_feature_codes,
    align_label_codes,
    align_validation,
    fit_preprocess,
)

if TYPE_CHECKING:
    import numpy as np


def user_callable(job: Job) -> Any:
    from model_trainer.engine.child import load_user_module

    module = load_user_module(job.entry_file or "", job.module_name)
    return getattr(module, job.function) if job.function else module


def prepared_data(job: Job) -> tuple[pd.DataFrame, pd.DataFrame, Preprocess]:
    train = pd.read_csv(job.train_path)
    val = pd.read_csv(job.val_path)
    features = feature_columns(train, job.target, job.ignore_columns)
    train, val, pre = fit_preprocess(train, val, job.target, features, job.data_repairs)
    pre.passthrough = [c for c in job.ignore_columns if c in train.columns]
    return train, val, pre



def metric_in_units(predict: Any, val_prepared: pd.DataFrame, y_raw: Any, pre: Preprocess, metric: str) -> float | None:
    """The validation metric in the target's own units (CONTRACT §7): predictions on the prepared validation
    features, mapped back through the target repair, against the raw target. None for a metric the tool does not
    compute itself or a model that cannot predict."""
    import numpy as np

    from model_trainer.probes.references import METRICS, score

    if metric not in METRICS or metric == "auc":
        return None
    try:
        pred = np.asarray(predict(val_prepared[pre.model_columns(val_prepared)]), dtype=np.float64).reshape(-1)
    except Exception:  # noqa: BLE001 - a model that cannot predict here is reported by the caller, not raised
        return None
    y = np.asarray(y_raw, dtype=np.float64).reshape(-1)
    if pred.shape != y.shape:
        return None
    if metric not in ("accuracy", "f1"):
        pred = pre.inverse_target(pred)
    ok = np.isfinite(pred) & np.isfinite(y)
    if not ok.any():
        return None
    return score(metric, y[ok], pred[ok])


def units_diagnostics(predict: Callable[[Any], Any] | None, job: Job, val_raw: pd.DataFrame,
                      pre: Preprocess) -> dict[str, Any] | None:
    """After a target repair in function mode the user's own metric is on the repaired scale: the tool's own,
    from the returned model's predictions on the validation data (``predict``: its ``predict``, or a bare torch or
    Keras module called), mapped back (``model_metric`` prefers it)."""
    if pre.y_mean is None or job.target is None or predict is None:
        return None
    val_prepared = pre.transform(val_raw)
    value = metric_in_units(predict, val_prepared, val_raw[job.target].to_numpy(), pre, job.metric)
    if value is None:
        return None
    return {"metric_units": value, "metric_name": job.metric,
            "metric_units_source": "the returned model's predict on the validation data, mapped back to the "
                                   "target's units"}


def own_metric(predict: Callable[[Any], Any], x: pd.DataFrame, y_raw: Any, pre: Preprocess,
               metric: str) -> float | None:
    """The spec's metric of the returned model's own predictions on the validation file against the file's target,
    as the references are scored: what the user's code reports may be computed on targets its code changed (a cast,
    a scaling). Classification metrics only from predictions that are class labels of the target (a ``predict`` that
    returns scores or probabilities makes no claim here)."""
    import numpy as np

    try:
        pred = np.asarray(predict(x)).reshape(-1)
    except Exception:  # noqa: BLE001 - a model that cannot predict here makes no claim
        return None
    y = np.asarray(y_raw).reshape(-1)
    if pred.shape != y.shape:
        return None
    if metric in ("accuracy", "f1") and not np.isin(pred, np.unique(y)).all():
        return None
    # the predictions are computed once; metric_in_units maps them back through a target repair and scores them
    return metric_in_units(lambda _: pred, x, y, pre, metric)


# rows of the training file the returned model is scored on: the first ones keep the pass cheap on large data
TRAIN_SCORE_ROWS = 2000


def train_rows_metric(predict: Callable[[Any], Any], job: Job, pre: Preprocess) -> float | None:
    """The spec's metric of the returned model on the training file's first rows against the file's target,
    as ``own_metric`` scores validation. Code that trains on other labels than the file's (a second shuffle, a
    truncating cast) fits those and scores the file's training rows no better than validation ones."""
    import numpy as np

    if job.target is None:
        return None
    # the file's first rows: a check of which labels the model fitted needs no more, and a large file is not read whole
    train = pd.read_csv(job.train_path, nrows=TRAIN_SCORE_ROWS)
    if job.target not in train:
        return None
    cols = [c for c in (*pre.features, job.target) if c in train]
    numeric = train[cols].select_dtypes("number")
    train = train[np.isfinite(numeric.to_numpy(dtype=np.float64)).all(axis=1)]
    if job.data_repairs.get("drop_target_outliers"):
        from model_trainer.probes.data_quality import target_outliers

        far = target_outliers(pd.read_csv(job.train_path, usecols=[job.target])[job.target].to_numpy(dtype=float))
        if far is not None:
            y = train[job.target].astype(float)
            train = train[(y >= far["low"]) & (y <= far["high"])]  # the rows the model was trained on
    block = job.data_repairs.get("drop_row_block")
    if isinstance(block, list) and len(block) == 2:
        train = train[~((train.index >= block[0] - 2) & (train.index <= block[1] - 2))]
    if len(train) < 2:
        return None
    try:
        prepared = pre.transform(train)
        x = prepared[pre.model_columns(prepared)]
    except Exception:  # noqa: BLE001 - rows the code's preparation cannot take make no claim
        return None
    return own_metric(predict, x, train[job.target].to_numpy(), pre, job.metric)


def prediction_stats(predict: Any, x: Any, pre: Preprocess, metric: str) -> dict[str, float] | None:
    """The range and spread of a regression model's validation predictions in the target's units: what the
    output-range and constant-output probes compare with the target when the user's loop does not log them."""
    import numpy as np

    if metric in ("accuracy", "f1", "auc"):
        return None
    try:
        pred = pre.inverse_target(np.asarray(predict(x), dtype=np.float64).reshape(-1))
    except Exception:  # noqa: BLE001 - a model that cannot predict here makes no claim
        return None
    pred = pred[np.isfinite(pred)]
    if pred.size == 0:
        return None
    return {"pred_min": float(pred.min()), "pred_max": float(pred.max()), "pred_std": float(pred.std()),
            **extremes(pred)}


def nonfinite_predictions(predict: Any, x: Any) -> dict[str, Any]:
    """The share of validation rows the returned model answers with NaN or inf (``pred_nonfinite``), or
    ``pred_failed`` where it cannot predict them at all: what says whether the code handled missing feature values
    (``detect/invalid_data.handled_missing``) beyond a score the finite rows alone make."""
    import numpy as np

    try:
        out = predict(x)
    except Exception:  # noqa: BLE001 - recorded as a finding, never raised
        return {"pred_failed": True}
    try:
        pred = np.asarray(out, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return {}  # answers that are not numbers (labels as words): no claim
    share = float(np.mean(~np.isfinite(pred))) if pred.size else 0.0
    return {"pred_nonfinite": share} if share > 0 else {}


def residual_check(predict: Any, x: Any, frame: Any, target: str | None, y_raw: Any, pre: Preprocess,
                   metric: str) -> dict[str, Any] | None:
    """The returned model's validation residuals (in the target's units, against ``y_raw``) binned by each
    integer-coded column of ``frame`` with 3 to ``FEATURE_CODE_LEVELS`` levels (``mle/residuals.residual_structure``):
    a code they trend with is a category whose levels' effects the model misses (read as one number). Only codes: a
    model behind boosted trees leaves some trend along any continuous column (``judge.residual_trend``), and each
    column binned is a cost paid in every run. Regression metrics only."""
    import numpy as np

    from model_trainer.detect.thresholds import FEATURE_CODE_LEVELS

    if metric not in ("rmse", "mae", "mse") or target is None or y_raw is None:
        return None
    try:
        codes = []
        for c in frame.columns:
            if c == target or not pd.api.types.is_numeric_dtype(frame[c]):
                continue
            v = frame[c].to_numpy(dtype=np.float64, na_value=np.nan)
            levels = np.unique(v[np.isfinite(v)])
            if 3 <= len(levels) <= FEATURE_CODE_LEVELS and np.all(levels == np.round(levels)):
                codes.append(c)
        if not codes:
            return None
        from model_trainer.mle.residuals import residual_structure

        frame = frame[codes]
        pred = pre.inverse_target(np.asarray(predict(x), dtype=np.float64).reshape(-1))
        y = np.asarray(y_raw, dtype=np.float64).reshape(-1)
        if pred.shape != y.shape:
            return None
        with np.errstate(all="ignore"):
            structure = residual_structure(y - pred, frame, target)
    except Exception:  # noqa: BLE001 - a check of the fit, never a reason for the run to fail
        return None
    return {"residual_structure": structure} if structure else None


def extremes(pred: Any) -> dict[str, float]:
    """How many predictions sit exactly on the largest and on the smallest value, and the share of distinct values.

    A smooth model gives distinct rows distinct answers; a pile of identical answers at the top is a cap (a clamp
    or clip in the model's code) that the rows above it were pressed against.

    Example:
        >>> import numpy as np
        >>> extremes(np.array([1.0, 2.0, 3.0, 5.0, 5.0]))["pred_at_max"]
        0.4
    """
    import numpy as np

    pred = np.asarray(pred, dtype=np.float64).reshape(-1)
    pred = pred[np.isfinite(pred)]
    if pred.size == 0:
        return {}
    hi, lo = float(pred.max()), float(pred.min())
    # float32 outputs cast to float64 stay identical; a relative hair covers a cap applied before a last rescale
    tol = 1e-6 * max(1.0, abs(hi), abs(lo))
    # distinct at the same grain: answers a hair apart (a nearly constant model's) are one answer
    grain = np.round((pred - lo) / tol)
    return {"pred_at_max": float(np.mean(pred >= hi - tol)), "pred_at_min": float(np.mean(pred <= lo + tol)),
            "pred_distinct": float(len(np.unique(grain))) / pred.size}


# estimators whose fit measures distances (or kernels of distances) between rows in the features' own units: a
# feature with a larger spread decides the neighbours alone (scikit-learn's preprocessing guide)
_DISTANCE_BASED = ("KNeighbors", "RadiusNeighbors", "SVR", "SVC", "NuSVR", "NuSVC", "KernelRidge", "GaussianProcess",
                   "KMeans", "LocalOutlierFactor")
# trees split on thresholds of one feature at a time and predict means of training targets (of gradients, for boosting)
_TREES = ("RandomForest", "ExtraTrees", "DecisionTree", "ExtraTree", "GradientBoosting", "HistGradientBoosting")
_SCALERS = ("StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "QuantileTransformer",
            "PowerTransformer", "Normalizer")


def scale_sensitive(model: Any) -> dict[str, Any] | None:
    """How a returned scikit-learn model meets the features' scales: ``{"scales_inside": True}`` where a scaler comes
    before its final estimator in its pipeline (the files' scales never reach the estimator), ``{"scale_sensitive":
    class name}`` where that estimator is distance- or kernel-based and no scaler comes before it, ``{"scale_free":
    class name}`` where it is a tree or an ensemble of trees (its splits and its predictions are the same for any
    rescaling of the features or the target), else None.

    >>> from sklearn.neighbors import KNeighborsRegressor
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> scale_sensitive(KNeighborsRegressor())
    {'scale_sensitive': 'KNeighborsRegressor'}
    >>> scale_sensitive(make_pipeline(StandardScaler(), KNeighborsRegressor()))
    {'scales_inside': True}
    >>> from sklearn.ensemble import RandomForestRegressor
    >>> scale_sensitive(RandomForestRegressor())
    {'scale_free': 'RandomForestRegressor'}
    """
    seen: list[str] = []

    def walk(obj: Any, depth: int = 0) -> Any:
        # the estimator that makes the predictions, recording the transformers in front of it
        if depth > 4 or type(obj).__name__.startswith(_TREES):
            return obj  # a forest's ``estimator`` is its template tree: the forest is the model
        steps = getattr(obj, "steps", None)
        if isinstance(steps, list) and steps:
            for _, step in steps[:-1]:
                seen.extend(_names(step))
            return walk(steps[-1][1], depth + 1)
        for attr in ("estimator", "base_estimator", "regressor"):
            inner = getattr(obj, attr, None)
            if inner is not None and hasattr(inner, "fit") and type(obj).__name__ != type(inner).__name__:
                return walk(inner, depth + 1)
        return obj

    final = walk(model)
    name = type(final).__name__
    if any(s in _SCALERS for s in seen):
        return {"scales_inside": True}
    if any(name.startswith(d) for d in _DISTANCE_BASED):
        return {"scale_sensitive": name}
    return {"scale_free": name} if name.startswith(_TREES) else None


def _names(step: Any) -> list[str]:
    """Class names of a pipeline step and of what a ColumnTransformer or FeatureUnion in it applies."""
    out = [type(step).__name__]
    for key in ("transformers", "transformer_list"):
        for item in getattr(step, key, None) or []:
            inner = item[1] if isinstance(item, tuple) and len(item) > 1 else None
            if inner is not None and not isinstance(inner, str):
                out.extend(_names(inner))
    for _, inner in getattr(step, "steps", None) or []:
        out.extend(_names(inner))
    return out


def torch_modules(model: Any) -> list[Any]:
    """The torch modules a returned model is or holds as attributes (a wrapper with ``predict`` around a network)."""
    return [c for c in [model, *getattr(model, "__dict__", {}).values()]
            if callable(getattr(c, "named_modules", None)) and hasattr(c, "state_dict")]


def identical_units(model: Any) -> dict[str, Any] | None:
    """Linear layers of a returned torch model whose units all hold the same weights and bias: units that start
    equal get equal gradients and stay equal, so the layer computes one feature however wide it is (weights filled
    with one constant). ``identical_layers``: their names and widths. None where there is none (or no torch model)."""
    nets = torch_modules(model)
    if not nets:
        return None
    import torch

    found = []
    for net in nets:
        for name, m in net.named_modules():
            w = getattr(m, "weight", None)
            if type(m).__name__ != "Linear" or w is None or w.dim() != 2 or w.shape[0] < 2:
                continue
            rows = w.detach().float()
            b = getattr(m, "bias", None)
            if b is not None:
                rows = torch.cat([rows, b.detach().float().reshape(-1, 1)], dim=1)
            scale = float(rows.abs().max())
            if float((rows - rows[0]).abs().max()) <= 1e-6 * scale:  # all zero counts: equal too
                found.append({"layer": name or type(m).__name__, "units": int(w.shape[0])})
    return {"identical_layers": found} if found else None


# activations whose unit is dead when it is never positive (the torch kind's probe watches the same family)
DEAD_FAMILY = ("ReLU", "LeakyReLU", "ReLU6", "ELU", "GELU")


def relu_units(model: Any, predict: Callable[[Any], Any], x: Any) -> dict[str, float] | None:
    """Dead ReLU-family units of a returned torch model, measured on the validation inputs through its own
    ``predict``: the share never positive on any row (``dead_frac``, over all units as the torch kind counts them)
    and the largest such share in one layer (``dead_layer_frac``: 1 when a whole layer is dead, so that nothing
    of the input reaches the output through it). None where no such module ran."""
    mods = [m for net in torch_modules(model) for _, m in net.named_modules() if type(m).__name__ in DEAD_FAMILY]
    if not mods:
        return None
    alive: dict[int, Any] = {}

    def hook(i: int) -> Callable[..., None]:
        def seen(_m: Any, _inp: Any, out: Any) -> None:
            if not hasattr(out, "detach") or out.dim() < 1 or out.shape[0] == 0:
                return
            a = (out.detach().reshape(out.shape[0], -1) > 0).any(dim=0)
            alive[i] = a if i not in alive or alive[i].shape != a.shape else (alive[i] | a)
        return seen

    handles = [m.register_forward_hook(hook(i)) for i, m in enumerate(mods)]
    try:
        predict(x)
    except Exception:  # noqa: BLE001 - a model that cannot predict here makes no claim
        return None
    finally:
        for h in handles:
            h.remove()
    if not alive:
        return None
    dead = [float((~a).sum()) for a in alive.values()]
    sizes = [a.numel() for a in alive.values()]
    return {"dead_frac": sum(dead) / max(sum(sizes), 1),
            "dead_layer_frac": max(d / max(n, 1) for d, n in zip(dead, sizes, strict=True))}


def has_hidden_layers(model: Any, n_features: int) -> bool:
    """The model is a network with more weights than a linear map of its inputs needs: a torch module (the model
    or one of its attributes) with more than ``n_features + 1`` parameters per output, or a scikit-learn MLP.
    Such a model behaving linearly is underfitting, not at a linear model's ceiling."""
    if isinstance(getattr(model, "coefs_", None), list):
        return len(model.coefs_) > 1
    for c in torch_modules(model):
        try:
            shapes = [tuple(p.shape) for p in c.parameters()]
        except Exception:  # noqa: BLE001 - not a torch module after all
            continue
        n = sum(math.prod(sh) for sh in shapes)
        outputs = shapes[-1][0] if shapes and shapes[-1] else 1
        if n > (n_features + 1) * max(1, outputs):
            return True
    return False


def guarded(probe: Callable[[], dict[str, Any] | None]) -> dict[str, Any]:
    """A probe of the returned model, whose failure (an attribute that raises when read, inputs it cannot take) only
    forgoes its finding: the tool's own look at a model never fails the user's run."""
    try:
        return probe() or {}
    except Exception:  # noqa: BLE001 - see the docstring
        return {}


def linearity(model: Any, x: Any, labels: bool = False) -> float | None:
    """R² of the model's outputs regressed linearly on its inputs (validation rows): 1 for a model linear in them.

    Regression outputs are ``predict``; a binary classifier's are the log-odds of ``predict_proba``. None when the
    outputs are constant, multi-class, or cannot be had: no claim is made then.
    """
    import numpy as np

    given, x = x, np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < x.shape[1] + 5:
        return None
    try:
        if hasattr(model, "predict_proba"):
            proba = np.asarray(model.predict_proba(given), dtype=np.float64)
            if proba.ndim != 2 or proba.shape[1] != 2:
                return None
            p = np.clip(proba[:, 1], 1e-9, 1 - 1e-9)
            out = np.log(p / (1 - p))
        else:
            out = np.asarray(model.predict(given), dtype=np.float64).reshape(-1)
    except Exception:  # noqa: BLE001 - a model that cannot predict here makes no claim
        return None
    if out.shape[0] != x.shape[0] or not np.all(np.isfinite(out)):
        return None
    # rows with a missing input are the model's own to fill (an imputer): the linear fit reads the complete rows
    complete = np.all(np.isfinite(x), axis=1)
    if not complete.all():
        x, out = x[complete], out[complete]
        if x.shape[0] < x.shape[1] + 5:
            return None
    if labels and not hasattr(model, "predict_proba") and len(np.unique(out)) == 2:
        # a binary classifier's labels only: linear when a hyperplane separates them (1), else no claim. Too few rows
        # per dimension are separable by chance (Cover), too many make the linear program slow: no claim either
        if not _SEPARABLE_MIN_ROWS_PER_DIM * (x.shape[1] + 1) <= len(out) <= _SEPARABLE_MAX_ROWS:
            return None
        return 1.0 if _separable(x, out == out.max()) else None
    ss_tot = float(np.sum((out - out.mean()) ** 2))
    if ss_tot <= 1e-12 * max(1.0, float(np.mean(out ** 2))) * len(out):
        return None
    a = np.column_stack([x, np.ones(len(x))])
    try:
        coef, *_ = np.linalg.lstsq(a, out, rcond=None)
    except np.linalg.LinAlgError:  # a probe that cannot answer makes no claim; it never fails the run
        return None
    ss_res = float(np.sum((out - a @ coef) ** 2))
    return max(0.0, 1.0 - ss_res / ss_tot)


_SEPARABLE_MIN_ROWS_PER_DIM = 10
_SEPARABLE_MAX_ROWS = 20_000


def _separable(x: np.ndarray, positive: np.ndarray) -> bool:
    """Whether a hyperplane separates the rows labelled positive from the others: the linear program
    y_i (w.x_i + b) >= 1 is feasible (scipy's HiGHS)."""
    import numpy as np
    from scipy.optimize import linprog

    sign = np.where(positive, 1.0, -1.0)
    a_ub = -sign[:, None] * np.column_stack([x, np.ones(len(x))])
    try:
        res = linprog(np.zeros(a_ub.shape[1]), A_ub=a_ub, b_ub=-np.ones(len(x)), bounds=(None, None),
                      method="highs")
    except Exception:  # noqa: BLE001 - no answer is no claim
        return False
    return bool(res.status == 0)


def val_raw_frame(job: Job) -> pd.DataFrame:
    """The validation split as given (before any data repair), except under the ``align_validation``,
    ``align_label_codes`` and ``align_feature_codes`` diagnostics, whose premise is a validation split in the
    training split's units or coding: the model is scored on that."""
    val = align_label_codes(pd.read_csv(job.val_path), job.target, job.data_repairs.get("align_label_codes"))
    val = align_feature_codes(val, job.data_repairs.get("align_feature_codes"))
    cols = [c for c in job.data_repairs.get("align_validation") or () if c in val]
    return align_validation(pd.read_csv(job.train_path), val, cols) if cols else val
