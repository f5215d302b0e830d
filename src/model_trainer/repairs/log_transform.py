"""Optimise positive MLE parameters on a log scale (rates spanning orders of magnitude).

Offered when the fit recorded a scale gap or a singular matrix, and only when at least one free parameter is
positive (otherwise the change would do nothing). A likelihood that overflowed names its own cause
(``numerical_overflow``) whichever repair removes the overflow.

Example:
    >>> LogTransform().root_cause
    'parameter_scaling'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class LogTransform(Repair):
    name = "log_transform"
    root_cause = "parameter_scaling"
    symptoms = ("singular_matrix", "nan_loss", "slow_convergence", "underfitting")
    hypothesis = "Positive parameters on very different scales make the curvature badly scaled"

    def propose(self, ctx: Context) -> Change | None:
        d = ctx.facts.diagnostics
        if ctx.data_repairs.get("log_transform") or not d or "nll" not in d:
            return None
        if (d.get("reparam_options") or {}).get("positive", 1) == 0:
            return None  # no positive parameter: nothing would change
        if ctx.finding.symptom in ("slow_convergence", "underfitting") and not (d.get("scaling") or {}).get("gap"):
            return None
        return Change(self.name, self.root_cause, self.hypothesis, "optimise positive parameters as log(theta)",
                      dict(ctx.config), {**ctx.data_repairs, "log_transform": True},
                      "# Before: theta optimised directly", "# After: theta = exp(z), z optimised")
