"""What detectors take and give: a recorded history plus run facts in, a ``Finding`` with evidence out.

Detectors are pure functions ``detect(history, facts) -> Finding | None``; they know nothing of
processes, files or the CLI, and are used both while a run goes and after the fact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from model_trainer.events import EpochLogged


@dataclass
class Facts:
    """What is known about the run besides its history."""
    metric: str = "rmse"
    higher_is_better: bool = False
    epochs_planned: int | None = None
    config: dict[str, Any] = field(default_factory=dict)
    baseline_metric: float | None = None       # the constant predictor's metric on the validation set
    data: Any = None                            # probes.data_report.DataReport, when the data is known
    finished: bool = True                       # False while the run is still going (online use)
    diagnostics: dict[str, Any] | None = None   # a fit's own analysis (the MLE information matrix)
    warnings: list[str] = field(default_factory=list)  # "Category: message" of the run's warnings
    kind: str = "function"                      # the model kind: an MLE fit's gradient is a sum over the data


@dataclass(frozen=True)
class Descriptor:
    """What the investigator needs to know of a symptom, exported by its detector module as ``DESCRIPTOR``.

    ``online``: it shows early, so a running run may be stopped on it; ``horizon``: it only shows over the whole
    planned run, so its tests run full length; ``causes``: the likely causes, most likely first (their repairs
    are in ``model_trainer.causes``); ``fit_causes``: the same for a statistical fit (``kind = "mle"``), which has
    no layers, learning rate or loop, where they differ.
    """
    name: str
    category: str
    online: bool = False
    horizon: bool = False
    causes: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()        # names in ``repairs.REPAIRS``, in the order they are tested
    fit_causes: tuple[str, ...] = ()


@dataclass
class Finding:
    symptom: str
    onset_epoch: int | None
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.symptom}: {self.message}"


def series(history: list[EpochLogged], key: str) -> list[float]:
    """Values of ``key`` in epoch order, skipping epochs where it was not measured."""
    return [v for v in (e.get(key) for e in history) if v is not None]


def finite(values: list[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def loss_key(history: list[EpochLogged]) -> str:
    """The loss to judge training progress by: train loss, or validation loss when only that was logged."""
    return "train_loss" if series(history, "train_loss") else "val_loss"


def rel_improvement(values: list[float], start: int, end: int | None = None) -> float:
    """(first - last) / |first| over values[start:end]; 0 when undefined."""
    chunk = finite(values[start:end])
    if len(chunk) < 2 or chunk[0] == 0:
        return 0.0
    return (chunk[0] - chunk[-1]) / abs(chunk[0])


def returned_epoch(history: list[EpochLogged], diagnostics: dict[str, Any] | None,
                   higher_is_better: bool = False) -> int | None:
    """The earlier best epoch whose weights the code returned, or None: the returned model's own validation score
    (``metric_own``) lies within ``RESTORED_SHARE`` of the distance between the code's logged metric at the epoch of
    the lowest validation loss (or of the best logged metric) and at the last epoch, from the former. Code that keeps
    and reloads its best weights (its own early stopping) returns that epoch's model, whatever the curve did after.
    A model that scores as a worse epoch did is no best epoch kept: the code's metric and its model disagree, which
    the judge reads as such.

    Example:
        >>> h = [EpochLogged(e, {"val_loss": v, "metric": m}, 0.0) for e, v, m in
        ...      [(1, 0.5, 1.10), (2, 0.4, 0.84), (3, 0.6, 1.00), (4, 0.7, 1.06)]]
        >>> [returned_epoch(h, {"metric_own": own}) for own in (0.8433, 1.06, 1.10)]
        [2, None, None]
    """
    from model_trainer.detect import thresholds as T

    own = (diagnostics or {}).get("metric_own")
    if not history or not isinstance(own, (int, float)) or not math.isfinite(own):
        return None
    logged = [(e.epoch, e.get("metric"), e.get("val_loss")) for e in history]
    last = logged[-1][1]
    if last is None or not math.isfinite(last):
        return None
    finite_rows = [(ep, m, v) for ep, m, v in logged[:-1] if m is not None and math.isfinite(m)]
    by_loss = [r for r in finite_rows if r[2] is not None and math.isfinite(r[2])]
    candidates = [min(by_loss, key=lambda r: r[2])] if by_loss else []
    if finite_rows:
        candidates.append((max if higher_is_better else min)(finite_rows, key=lambda r: r[1]))
    for ep, m, _ in candidates:
        gap = (m - last) if higher_is_better else (last - m)
        if gap > 0 and abs(own - m) <= T.RESTORED_SHARE * gap:
            return ep
    return None


def is_linear(facts: Facts) -> bool:
    """The run's model is linear in its inputs (``linear_r2`` of its outputs on validation, ``T.LINEAR_R2``)."""
    from model_trainer.detect.thresholds import LINEAR_R2

    r2 = (facts.diagnostics or {}).get("linear_r2")
    return isinstance(r2, (int, float)) and r2 >= LINEAR_R2


def applicable_references(facts: Facts) -> dict[str, float]:
    """The fitted references a model is held to: constant and linear for a model linear in its inputs, all of them
    otherwise, a statistical fit included: a likelihood whose form fits the data is as good as boosted trees on the
    same columns (the corrected fits of ``benchmarks/independent/`` sit at 0.55-1.03x the best reference's error),
    and one twice as bad has the wrong form, whatever its optimiser reported."""
    import math

    refs = {k: float(v) for k, v in (getattr(facts.data, "references", None) or {}).items()
            if isinstance(v, (int, float)) and math.isfinite(v)}
    if is_linear(facts):
        return {k: v for k, v in refs.items() if k in ("constant", "linear")}
    return refs


def errors_against_references(history: list[EpochLogged], facts: Facts,
                              own: float | None = None) -> tuple[float, float] | None:
    """(the model's best error, the best applicable reference's error) on validation, the constant predictor left
    out; a score counts as one minus it. ``own``: the metric to take where the history logs none (a function's
    returned model scored by the tool). None where either is missing."""
    refs = [v for k, v in applicable_references(facts).items() if k != "constant"]
    vals = finite(series(history, "metric")) or ([float(own)] if isinstance(own, (int, float)) else [])
    if not refs or not vals:
        return None
    if facts.higher_is_better:
        return 1.0 - max(vals), 1.0 - max(refs)
    return min(vals), min(refs)


def fits_training_rows_only(facts: Facts, value: float) -> float | None:
    """The returned model's score on the training file's rows (``metric_own_train`` in ``facts.diagnostics``) where
    its error there is at most ``1 / CODE_FIT_GAP`` of its validation error (``value``'s) and no worse than the best
    reference's validation error, and not zero; else None. A model that fits its own training rows as well as any
    reference fits new ones did not underfit: its fit does not carry over to the validation rows."""
    from model_trainer.detect import thresholds as T

    train = (facts.diagnostics or {}).get("metric_own_train")
    refs = [v for k, v in applicable_references(facts).items() if k != "constant"]
    if not isinstance(train, (int, float)) or not math.isfinite(train) or not refs or not math.isfinite(value):
        return None

    def err(v: float) -> float:
        return 1.0 - v if facts.higher_is_better else v
    e_train, e_val, e_best = err(float(train)), err(value), min(err(r) for r in refs)
    if e_train * T.CODE_FIT_GAP > e_val or e_train > e_best or e_train <= 1e-9 * e_val:
        # an error of zero on its own rows is what an interpolating model (nearest neighbours, a full tree) has by
        # construction: it says nothing about whether the model fits
        return None
    return float(train)


def metric_vs_baseline(history: list[EpochLogged], facts: Facts) -> float | None:
    """Best metric over baseline metric for lower-is-better error metrics; None when not comparable."""
    if facts.baseline_metric is None or facts.higher_is_better or facts.baseline_metric <= 0:
        return None
    vals = finite(series(history, "metric"))
    if not vals:
        return None
    return min(vals) / facts.baseline_metric
