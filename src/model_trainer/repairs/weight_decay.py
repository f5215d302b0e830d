"""L2 weight decay, against overfitting.

Example:
    >>> WeightDecay().value
    0.01
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class WeightDecay(Repair):
    name = "weight_decay"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "Too little regularization: the weights grow to fit noise"

    def __init__(self, value: float = 1e-2) -> None:
        if value <= 0:
            raise ValueError(f"value must be > 0, got {value!r}")
        self.value = value

    def propose(self, ctx: Context) -> Change | None:
        current = float(ctx.config.get("weight_decay") or 0)
        return self.knob(ctx, "weight_decay", max(self.value, current * 10))
