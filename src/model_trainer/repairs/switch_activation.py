"""ReLU instead of a saturating tanh/sigmoid, or leaky ReLU instead of a dying ReLU.

Example:
    >>> SwitchActivation().name
    'switch_activation'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class SwitchActivation(Repair):
    name = "switch_activation"
    root_cause = "saturating_activation"
    symptoms = ("vanishing_gradients", "dying_relu", "underfitting", "constant_output")
    hypothesis = "The activation passes almost no gradient"

    def propose(self, ctx: Context) -> Change | None:
        act = ctx.config.get("activation")
        if act in ("tanh", "sigmoid"):
            return self.knob(ctx, "activation", "relu")
        if act == "relu" and ctx.finding.symptom == "dying_relu":
            change = self.knob(ctx, "activation", "leaky_relu")
            change.root_cause = "learning_rate_too_high"
            change.hypothesis = "ReLU units pushed into the negative region stay dead; a leak keeps them trainable"
            return change
        return None
