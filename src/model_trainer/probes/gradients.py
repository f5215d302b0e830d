"""Gradient ratio across parameter groups and activation saturation, read from a recorded history."""

from __future__ import annotations

import math
from dataclasses import dataclass

from model_trainer.detect import thresholds as T
from model_trainer.events import EpochLogged


@dataclass
class GroupGradients:
    epoch: int
    norms: dict[str, float]

    @property
    def hi(self) -> tuple[str, float]:
        return max(self.norms.items(), key=lambda kv: kv[1])

    @property
    def lo(self) -> tuple[str, float]:
        return min(self.norms.items(), key=lambda kv: kv[1])

    @property
    def ratio(self) -> float:
        lo = self.lo[1]
        return self.hi[1] / lo if lo > 0 else math.inf

    @property
    def heterogeneous(self) -> bool:
        return len(self.norms) >= 2 and self.ratio >= T.GRAD_GROUP_RATIO


def group_gradients(history: list[EpochLogged]) -> GroupGradients | None:
    """Per-group gradient norms at the first recorded epoch (before any divergence distorts them)."""
    for e in history:
        norms = {k.split(".", 1)[1]: v for k, v in e.values.items()
                 if k.startswith("grad_norm.") and v is not None and math.isfinite(v)}
        if len(norms) >= 2:
            return GroupGradients(e.epoch, norms)
    return None


def saturation(history: list[EpochLogged]) -> float | None:
    vals = [v for e in history if (v := e.get("saturated_frac")) is not None and math.isfinite(v)]
    return vals[-1] if vals else None
