"""The operator protocol and the observable effects a reproduction check can demand.

An operator injects one fault into a healthy base program. ``prepare`` sets up context the fault
needs and the healthy twin shares (a BatchNorm layer, an SGD optimiser); ``apply`` injects the fault
itself. ``reproduced(faulty, twin)`` returns the evidence that the fault shows in a plain run, or
None; a program whose fault does not show is dropped from the benchmark.

Example:
    >>> op = Operator(name="lr_x100", family="optimiser", symptoms=("nan_loss",),
    ...               causes=("learning_rate_too_high",), repairable=True, effect="nonfinite_or_worse")
    >>> op.reproduced(Outcome(metric=float("nan"), nonfinite=True), Outcome(metric=0.5))
    'non-finite loss'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..programs import Program

EFFECTS = ("nonfinite", "nonfinite_or_worse", "worse", "worse_or_constant", "error", "overfit", "constant",
           "singular", "bound", "convergence_warning")


@dataclass
class Outcome:
    """What one plain training run showed."""

    metric: float = math.nan             # validation metric computed from the returned model's predictions
    higher_is_better: bool = False
    nonfinite: bool = False              # a logged loss or the objective was not finite
    error: str | None = None             # the exception's last line, when training raised
    history: list[dict[str, float]] = field(default_factory=list)
    pred_std: float = math.nan
    target_std: float = math.nan
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {"metric": _num(self.metric), "nonfinite": self.nonfinite, "error": self.error,
               "epochs": len(self.history), "pred_std": _num(self.pred_std), "seconds": round(self.seconds, 3)}
        out.update({k: _num(v) if isinstance(v, float) else v for k, v in self.extra.items()})
        return out


def _num(v: float) -> float | None:
    return None if v is None or not math.isfinite(v) else round(float(v), 6)


def clearly_worse(faulty: Outcome, twin: Outcome) -> str | None:
    """The fault's model is clearly worse than the healthy twin's on validation."""
    if not math.isfinite(twin.metric):
        return None
    if not math.isfinite(faulty.metric):
        return "no finite validation metric"
    if twin.higher_is_better:
        if faulty.metric <= twin.metric - 0.08:
            return f"accuracy {faulty.metric:.3f} vs healthy twin {twin.metric:.3f}"
        return None
    # relative to each run's own target spread: a data operator may have changed the target's units
    f, t = faulty.metric / _spread(faulty), twin.metric / _spread(twin)
    if f >= 1.25 * t + 1e-9:
        return (f"rmse {faulty.metric:.4g} vs healthy twin {twin.metric:.4g}"
                + (f" ({f / t:.2f}x)" if _spread(faulty) == _spread(twin) else
                   f" (relative to the target's spread: {f:.3g} vs {t:.3g})"))
    return None


def _spread(out: Outcome) -> float:
    return out.target_std if math.isfinite(out.target_std) and out.target_std > 0 else 1.0


@dataclass
class Operator:
    name: str
    family: str                          # loop | data | model | loss | optimiser | mle
    symptoms: tuple[str, ...]            # acceptable symptoms (CONTRACT §5)
    causes: tuple[str, ...]              # acceptable root causes (CONTRACT §5)
    repairable: bool                     # a knob or data repair of CONTRACT §4 fixes it
    effect: str                          # one of EFFECTS
    bases: tuple[str, ...] = ()          # the base programs it applies to
    tasks: tuple[str, ...] = ("regression", "binary", "multiclass")
    datasets: tuple[str, ...] = ()       # empty: every dataset of its bases and tasks
    description: str = ""
    error_text: str = ""                 # for effect "error": a piece of the expected message

    def __post_init__(self) -> None:
        if self.effect not in EFFECTS:
            raise ValueError(f"operator {self.name}: effect must be one of {EFFECTS}, got {self.effect!r}")

    def applies(self, p: Program) -> bool:
        return p.base in self.bases and p.task in self.tasks and (not self.datasets or p.dataset in self.datasets)

    def prepare(self, p: Program, rng: np.random.Generator) -> None:
        """Context the fault needs that the healthy twin shares; none by default."""

    def apply(self, p: Program, rng: np.random.Generator) -> None:
        raise NotImplementedError

    def inject(self, p: Program, rng: np.random.Generator) -> None:
        self.apply(p, rng)
        p.operator, p.family = self.name, self.family
        p.symptoms, p.causes, p.repairable = list(self.symptoms), list(self.causes), self.repairable
        p.effect, p.description = self.effect, self.description
        p.pid = f"{p.pid}-{self.name}"

    def reproduced(self, faulty: Outcome, twin: Outcome) -> str | None:
        e = self.effect
        if e in ("nonfinite", "nonfinite_or_worse") and (faulty.nonfinite or
                                                         (faulty.error and "nan" in faulty.error.lower())):
            return "non-finite loss"
        if e in ("worse", "worse_or_constant") and (faulty.nonfinite or not math.isfinite(faulty.metric)):
            return None  # a divergence is another fault than the one this operator claims to inject
        if e == "worse_or_constant" and _constant(faulty):
            return f"constant predictions (std {faulty.pred_std:.2g})"
        if e in ("worse", "nonfinite_or_worse", "worse_or_constant"):
            return None if faulty.error else clearly_worse(faulty, twin)
        if e == "error":
            if faulty.error and self.error_text.lower() in faulty.error.lower():
                return f"raised: {faulty.error[:120]}"
            return None
        if e == "overfit":
            return _overfit(faulty, twin)
        if e == "constant":
            return f"constant predictions (std {faulty.pred_std:.2g})" if _constant(faulty) else None
        if e == "singular":
            return _singular(faulty)
        if e == "bound":
            hit = faulty.extra.get("at_bound") or []
            if hit and clearly_worse(faulty, twin):
                return f"estimate at its bound: {', '.join(hit)}; " + str(clearly_worse(faulty, twin))
            return None
        if e == "convergence_warning":
            return "ConvergenceWarning" if faulty.extra.get("convergence_warning") else None
        return None


def _constant(out: Outcome) -> bool:
    return math.isfinite(out.pred_std) and out.pred_std <= 1e-3 * max(out.target_std, 1e-12)


def _overfit(faulty: Outcome, twin: Outcome) -> str | None:
    val = [r.get("val_loss", math.nan) for r in faulty.history]
    tr = [r.get("train_loss", math.nan) for r in faulty.history]
    if len(val) < 5 or not all(math.isfinite(v) for v in val + tr):
        return None
    best = int(np.argmin(val))
    rise = val[-1] / max(val[best], 1e-12)
    if best < len(val) - 3 and rise >= 1.3 and tr[-1] <= 0.5 * val[-1] and clearly_worse(faulty, twin):
        return f"val_loss rose {rise:.2f}x from its minimum at epoch {best + 1}; train_loss {tr[-1]:.3g}"
    return None


def _singular(faulty: Outcome) -> str | None:
    cond = faulty.extra.get("condition_number")
    corr = faulty.extra.get("max_abs_corr")
    rel_se = faulty.extra.get("max_rel_se")
    if cond is not None and (not math.isfinite(cond) or cond > 1e8):
        return f"information matrix condition number {cond:.3g}"
    if corr is not None and corr > 0.995:
        return f"|correlation| {corr:.4f} between estimates"
    if rel_se is not None and rel_se > 10:
        return f"standard error {rel_se:.3g}x an estimate"
    return None


@dataclass
class Mutation(Operator):
    """An operator given by functions: ``mutate`` injects the fault, ``setup`` the shared context."""

    mutate: Any = None
    setup: Any = None

    def prepare(self, p: Program, rng: np.random.Generator) -> None:
        if self.setup is not None:
            self.setup(p, rng)

    def apply(self, p: Program, rng: np.random.Generator) -> None:
        self.mutate(p, rng)


TORCH_FN = ("mlp_fn", "cnn_fn", "gru_fn")
TORCH_ALL = (*TORCH_FN, "mlp_torch")
