"""Gradient clipping at norm 1.0: bounds the step when a few parameters get most of the gradient.

Example:
    >>> ClipGradients().propose  # doctest: +ELLIPSIS
    <bound method ClipGradients.propose of ...>
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class ClipGradients(Repair):
    name = "clip_gradients"
    root_cause = "gradient_heterogeneity"
    symptoms = ("nan_loss", "exploding_gradients", "oscillating_loss")
    hypothesis = "A few parameter groups receive gradients orders of magnitude larger than the rest"

    def __init__(self, max_norm: float = 1.0) -> None:
        if max_norm <= 0:
            raise ValueError(f"max_norm must be > 0, got {max_norm!r}")
        self.max_norm = max_norm

    def propose(self, ctx: Context) -> Change | None:
        if float(ctx.config.get("clip_grad_norm") or 0) > 0:
            return None
        change = self.knob(ctx, "clip_grad_norm", self.max_norm)
        if not ctx.measurements.get("gradient_heterogeneity"):
            change.root_cause = "learning_rate_too_high"
            change.hypothesis = "Occasional large gradients throw the weights off; bounding the step avoids it"
        return change
