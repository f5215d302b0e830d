"""Adam instead of plain SGD, for slow progress or badly conditioned problems.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"optimizer": "sgd", "lr": 1e-5}, {}, Finding("underfitting", None, ""), Facts(),
    ...               {"optimizer", "lr"})
    >>> print(SwitchOptimizer().propose(ctx).description)
    optimizer "sgd" -> "adam" with lr 0.001 (Adam's default)
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair


class SwitchOptimizer(Repair):
    name = "adam"
    root_cause = "gradient_heterogeneity"
    confirms_cause = False  # Adam compensates for a step too large, unscaled inputs and layer-wise gradients alike
    symptoms = ("slow_convergence", "underfitting", "vanishing_gradients", "oscillating_loss", "nan_loss",
                "exploding_gradients", "constant_output")
    hypothesis = ("One global step size fits the parameters badly (their gradients differ in size); per-parameter "
                  "adaptive steps fit them")

    def propose(self, ctx: Context) -> Change | None:
        if ctx.config.get("optimizer", "sgd") != "sgd" or "optimizer" not in ctx.knobs:
            return None
        change = self.knob(ctx, "optimizer", "adam")
        lr = ctx.config.get("lr")
        if isinstance(lr, (int, float)) and (lr > 0.01 or 0 < lr < T.ADAPTIVE_LR_LOW):
            # Adam's default step: SGD's would be far too large for it, and one far below it would test the step
            # size again rather than the optimiser
            change.config_after["lr"] = T.ADAPTIVE_LR_DEFAULT
            shown = ctx.names.get("lr", "lr")
            change.description += f" with {shown} {T.ADAPTIVE_LR_DEFAULT:g} (Adam's default)"
            change.code_after += f"\n{shown} = {T.ADAPTIVE_LR_DEFAULT:g}"
        if ctx.finding.symptom in ("oscillating_loss", "nan_loss", "exploding_gradients"):
            # Adam at its default step moves each weight by about lr per step: a far smaller step
            change.root_cause = "learning_rate_too_high"
        elif ctx.finding.symptom == "vanishing_gradients":
            # Adam rescales each parameter's step by its own gradient size, which undoes a gradient that shrinks
            # layer by layer: its success shows the layers' gradients differ, not why they shrink (activation or
            # init), so it confirms no more than that
            change.hypothesis = "Gradients shrink layer by layer; per-parameter adaptive steps compensate"
        return change
