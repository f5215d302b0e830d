"""Four times the hidden units, for a model too small for the signal.

Example:
    >>> MoreCapacity().root_cause
    'insufficient_capacity'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class MoreCapacity(Repair):
    name = "more_capacity"
    root_cause = "insufficient_capacity"
    symptoms = ("underfitting",)
    hypothesis = "The model is too small to represent the relationship"

    def propose(self, ctx: Context) -> Change | None:
        h = ctx.config.get("hidden_units")
        if isinstance(h, list):
            return self.knob(ctx, "hidden_units", [v * 4 for v in h])
        if isinstance(h, int):
            return self.knob(ctx, "hidden_units", h * 4)
        return self.knob(ctx, "hidden_units", 64)
