"""The one event model every artifact is rendered from.

The child process emits the run events (``EpochLogged``, ``OutputLine``, ...); the supervisor
collects them into a ``RunRecord``; the investigator produces ``DiaryEntry`` objects. Writers in
``records/`` only format these: they never compute a number of their own.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

# Columns of the history CSV, in the contract's order; extras follow.
HISTORY_COLUMNS = ("epoch", "train_loss", "val_loss", "metric", "grad_norm", "time_s", "lr")


def _now() -> float:
    return time.time()


@dataclass
class EpochLogged:
    epoch: int
    values: dict[str, float | None]
    time_s: float
    ts: float = field(default_factory=_now)

    def get(self, key: str) -> float | None:
        v = self.values.get(key)
        return None if v is None else float(v)

    def row(self) -> dict[str, Any]:
        return {"epoch": self.epoch, **self.values, "time_s": self.time_s}


@dataclass
class OutputLine:
    stream: Literal["stdout", "stderr"]
    text: str
    ts: float = field(default_factory=_now)


@dataclass
class WarningRaised:
    category: str
    message: str
    filename: str = ""
    lineno: int = 0
    ts: float = field(default_factory=_now)


@dataclass
class RunFailed:
    exc_type: str
    message: str
    traceback: str
    ts: float = field(default_factory=_now)


@dataclass
class Note:
    """Something the child wants in the log (device used, signature detected, ...)."""
    text: str
    ts: float = field(default_factory=_now)


@dataclass
class ModelReady:
    payload: bytes
    description: str
    ts: float = field(default_factory=_now)


@dataclass
class Diagnostics:
    """Structured measurements a kind makes after fitting (the MLE information-matrix analysis)."""
    kind: str
    data: dict[str, Any]
    ts: float = field(default_factory=_now)


@dataclass
class RunFinished:
    """The child's last message: without it a run is never ``completed``.

    ``epochs`` is the child's own count of logged epochs, checked against those received;
    ``descendants`` (pid, start time) are processes the user's code started, for the supervisor to end.
    """
    reason: Literal["completed", "stopped", "failed"]
    detail: str = ""
    epochs: int | None = None
    descendants: list[tuple[int, float]] = field(default_factory=list)
    ts: float = field(default_factory=_now)


Event = EpochLogged | OutputLine | WarningRaised | RunFailed | Note | ModelReady | RunFinished | Diagnostics

# "running" until the supervisor concludes; a record is never completed by default
RunStatus = Literal["running", "completed", "stopped", "failed", "killed", "timeout", "interrupted"]


@dataclass
class RunRecord:
    """Everything the supervisor learned about one run (one attempt)."""
    run_id: str
    config: dict[str, Any]
    data_repairs: dict[str, Any]
    status: RunStatus = "running"
    history: list[EpochLogged] = field(default_factory=list)
    warnings: list[WarningRaised] = field(default_factory=list)
    error: RunFailed | None = None
    signal_name: str | None = None
    exit_code: int | None = None
    stop_reason: str = ""
    wall_s: float = 0.0
    model_path: str | None = None
    purpose: str = "train"
    notes: list[str] = field(default_factory=list)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    # lines in which the user's optimiser says it stopped at its iteration limit: printed by the code, or read from
    # the result of its last scipy.optimize call (``kinds/function._SolverWatch``)
    solver_messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("completed", "stopped")

    def column(self, key: str) -> list[float | None]:
        return [e.get(key) for e in self.history]

    def last(self, key: str) -> float | None:
        for e in reversed(self.history):
            v = e.get(key)
            if v is not None:
                return v
        return None

    def best(self, key: str, higher_is_better: bool = False) -> float | None:
        vals = [v for v in self.column(key) if v is not None and math.isfinite(v)]
        if not vals:
            return None
        return max(vals) if higher_is_better else min(vals)

    def outcome(self) -> dict[str, Any]:
        # field by field: asdict() on the record would first deep-copy the whole history
        d = {f.name: copy.deepcopy(getattr(self, f.name)) for f in fields(self)
             if f.name not in ("history", "warnings", "error")}
        d["epochs"] = len(self.history)
        d["error"] = asdict(self.error) if self.error else None
        d["warnings"] = [asdict(w) for w in self.warnings]
        return d


Category = Literal["CONVERGENCE", "NUMERICAL", "PERFORMANCE", "LOGIC", "DATA", "INTEGRATION"]
Symptom = Literal["training_error", "nan_loss", "exploding_gradients", "vanishing_gradients", "dying_relu",
                  "oscillating_loss", "slow_convergence", "overfitting", "underfitting", "constant_output",
                  "singular_matrix", "invalid_data", "timeout", "surprising_optimum"]
RootCause = Literal["learning_rate_too_high", "learning_rate_too_low", "unscaled_features", "unscaled_target",
                    "gradient_heterogeneity", "saturating_activation", "bad_initialization",
                    "output_range_mismatch", "loss_mismatch", "insufficient_training",
                    "insufficient_regularization", "insufficient_capacity", "non_identifiable",
                    "numerical_overflow", "invalid_data", "code_error", "budget_exhausted", "training_loop_bug",
                    "label_corruption", "train_val_mismatch", "parameter_scaling", "excessive_regularization",
                    "unknown"]
HypothesisStatus = Literal["confirmed", "refuted", "open"]
Status = Literal["resolved", "unresolved", "escalated"]


@dataclass
class TestRecord:
    n: int
    hypothesis: str
    action: str
    kind: Literal["intervention", "measurement"]
    run_id: str | None
    result: str
    passed: bool | None  # None for a measurement that confirms or refutes nothing by itself


@dataclass
class Hypothesis:
    """A cause considered for a red flag: ``confirmed`` only by an intervention that fixed it,
    ``refuted`` by a failed test, ``open`` otherwise (CONTRACT §5). ``evidence`` lists test numbers."""
    cause: str
    status: HypothesisStatus = "open"
    evidence: list[int] = field(default_factory=list)


@dataclass
class Fix:
    config_before: dict[str, Any]
    config_after: dict[str, Any]
    code_before: str
    code_after: str
    run_id: str


@dataclass
class Why:
    root_cause: str
    domain_insight: str
    implication: str


@dataclass
class DiaryEntry:
    id: int
    date: str
    category: Category
    symptom: Symptom
    root_cause: RootCause
    what_happened: str
    error_message: str
    initial_hypothesis: str
    tests: list[TestRecord]
    fix: Fix | None
    why: Why
    next_steps: list[str]
    status: Status
    result: list[str] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    # metric values on validation of the quick references (``constant``, ``linear``, ``boosting``)
    references: dict[str, float | None] = field(default_factory=dict)
    phase: str = "Phase 5B (Model Training)"
    agent: str = "@model_trainer"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
