"""Optimise positive MLE parameters on a log scale (rates spanning orders of magnitude).

Example:
    >>> LogTransform().root_cause
    'numerical_overflow'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class LogTransform(Repair):
    name = "log_transform"
    root_cause = "numerical_overflow"
    symptoms = ("singular_matrix", "nan_loss")
    hypothesis = "Positive parameters on very different scales make the curvature badly scaled"

    def propose(self, ctx: Context) -> Change | None:
        if ctx.data_repairs.get("log_transform") or not ctx.facts.diagnostics:
            return None
        return Change(self.name, self.root_cause, self.hypothesis, "optimise positive parameters as log(theta)",
                      dict(ctx.config), {**ctx.data_repairs, "log_transform": True},
                      "# Before: theta optimised directly", "# After: theta = exp(z), z optimised")
