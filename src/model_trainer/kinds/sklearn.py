"""``kind = "sklearn"``: ``build_estimator(config) -> estimator``.

Estimators with ``partial_fit`` train for ``config["epochs"]`` passes, one history row each; others
are fitted once (one row). ``ConvergenceWarning`` is caught like every warning and becomes a red flag
in the investigator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from model_trainer.bundle import ModelBundle
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import (
    guarded,
    has_hidden_layers,
    linearity,
    metric_in_units,
    nonfinite_predictions,
    prediction_stats,
    prepared_data,
    residual_check,
    scale_sensitive,
    user_callable,
    val_raw_frame,
)
from model_trainer.safemodel import attach_twin


def _knobs() -> object:
    from model_trainer.kinds import Knobs

    return Knobs(loop=("epochs",), defaults={"epochs": 50})


KNOBS = _knobs()


def _score(est: object, x: np.ndarray, y: np.ndarray, metric: str) -> tuple[float, float]:
    pred = np.asarray(est.predict(x), dtype=float)  # type: ignore[attr-defined]
    if metric == "accuracy":
        acc = float(np.mean(pred == y))
        return 1 - acc, acc
    mse = float(np.mean((pred - y) ** 2))
    return mse, (float(np.mean(np.abs(pred - y))) if metric == "mae" else float(np.sqrt(mse)))


def _raw_columns(job: Job, val: Any, features: list[str]) -> Any:
    """The validation file's own values of the model's columns, on the rows the model saw: residuals are binned by
    codes as the file holds them (``standardize`` turns a code's levels into fractions)."""
    try:
        raw = val_raw_frame(job)
        return raw.loc[val.index, [c for c in features if c in raw]]
    except (KeyError, ValueError, OSError):
        return val[[c for c in features if c in val]]


def run(job: Job, monitor: Monitor, emit: Callable[[Event], None]) -> ModelBundle:
    build = user_callable(job)
    train, val, pre = prepared_data(job)
    x, y = train[pre.features].to_numpy(dtype=float), train[job.target].to_numpy(dtype=float)
    xv, yv = val[pre.features].to_numpy(dtype=float), val[job.target].to_numpy(dtype=float)
    est = build(dict(job.config))
    if not hasattr(est, "fit"):
        raise TypeError(f"{job.function} must return a scikit-learn estimator, got {type(est).__name__}")
    monitor.start_clock()
    epochs = int(job.config.get("epochs", 50)) if hasattr(est, "partial_fit") else 1
    emit(Note(text=f"sklearn {type(est).__name__}: " + (f"{epochs} partial_fit passes" if epochs > 1 or
                                                         hasattr(est, "partial_fit") else "one fit")))
    raw_val = pre.inverse_target(yv) if job.target else yv
    classes = np.unique(y) if job.metric == "accuracy" else None
    for _ in range(epochs):
        if hasattr(est, "partial_fit"):
            est.partial_fit(x, y, classes=classes) if classes is not None else est.partial_fit(x, y)
        else:
            est.fit(x, y)
        train_loss, _ = _score(est, x, y, job.metric)
        val_loss, metric = _score(est, xv, yv, job.metric)
        if pre.y_mean is not None:
            # after a target repair the metric is computed in the target's own units
            metric = metric_in_units(est.predict, val, raw_val, pre, job.metric) or metric  # type: ignore[attr-defined]
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=metric)
        if monitor.should_stop:
            break
    task = "regression" if job.metric != "accuracy" else "multiclass"
    data = guarded(lambda: None if has_hidden_layers(est, xv.shape[1]) or (r2 := linearity(est, xv)) is None
                   else {"linear_r2": r2})
    data.update(guarded(lambda: prediction_stats(est.predict, xv, pre, job.metric)))
    data.update(nonfinite_predictions(est.predict, xv))
    data.update(guarded(lambda: residual_check(est.predict, xv, _raw_columns(job, val, pre.features), job.target,
                                               raw_val, pre, job.metric)))
    data.update(guarded(lambda: scale_sensitive(est)))
    if data:
        emit(Diagnostics(kind="sklearn", data=data))
    return attach_twin(ModelBundle(kind="sklearn", model=est, preprocess=pre, task=task), job.entry_file)
