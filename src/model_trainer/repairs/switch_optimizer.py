"""Adam instead of plain SGD, for slow progress or badly conditioned problems.

Example:
    >>> SwitchOptimizer().propose.__name__
    'propose'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class SwitchOptimizer(Repair):
    name = "adam"
    root_cause = "learning_rate_too_low"
    symptoms = ("slow_convergence", "underfitting", "vanishing_gradients", "oscillating_loss")
    hypothesis = "One global step size fits the parameters badly; per-parameter adaptive steps fit them"

    def propose(self, ctx: Context) -> Change | None:
        if ctx.config.get("optimizer", "sgd") != "sgd":
            return None
        change = self.knob(ctx, "optimizer", "adam")
        lr = ctx.config.get("lr")
        if isinstance(lr, (int, float)) and lr > 0.01:
            change.config_after["lr"] = 0.001  # Adam's default step; SGD's would be far too large for it
            change.description += " with lr 0.001 (Adam's default)"
            change.code_after += "\nlr = 0.001"
        if ctx.finding.symptom == "oscillating_loss":
            change.root_cause = "learning_rate_too_high"
        return change
