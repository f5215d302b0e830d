"""Ridge shrinkage of MLE parameters toward their group mean.

Example:
    >>> Ridge(5.0).strength
    5.0
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class Ridge(Repair):
    name = "ridge"
    root_cause = "non_identifiable"
    symptoms = ("singular_matrix",)
    hypothesis = "Weakly identified parameters drift freely; shrinking them toward their group mean pins them"

    def __init__(self, strength: float = 10.0) -> None:
        if strength <= 0:
            raise ValueError(f"strength must be > 0, got {strength!r}")
        self.strength = strength

    def propose(self, ctx: Context) -> Change | None:
        if ctx.data_repairs.get("ridge"):
            return None
        if (ctx.facts.diagnostics and (ctx.facts.diagnostics.get("reparam_options") or {}).get("groups", 1) == 0):
            return None  # no group of two or more parameters: the penalty would be zero
        return Change(self.name, self.root_cause, self.hypothesis,
                      f"ridge penalty {self.strength:g} x sum of squared deviations from the group mean",
                      dict(ctx.config), {**ctx.data_repairs, "ridge": self.strength},
                      "# Before: negative_log_likelihood(theta)",
                      "# After: negative_log_likelihood(theta)\n"
                      f"#   + {self.strength:g} * sum((theta_g - mean(theta_g))**2)")
