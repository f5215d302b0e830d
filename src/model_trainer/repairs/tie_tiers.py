"""Tie MLE parameters into three tiers by their ``covariate`` (natural breaks) or by ``group``.

Example:
    >>> TieTiers().root_cause
    'non_identifiable'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class TieTiers(Repair):
    name = "tie_tiers"
    root_cause = "non_identifiable"
    symptoms = ("singular_matrix",)
    hypothesis = "Model over-parameterized: too many parameters for what the data can tell apart"

    def __init__(self, n: int = 3) -> None:
        if n < 2:
            raise ValueError(f"n must be >= 2, got {n!r}")
        self.n = n

    def propose(self, ctx: Context) -> Change | None:
        if ctx.data_repairs.get("tiers"):
            return None
        opts = (ctx.facts.diagnostics or {}).get("reparam_options") or {}
        if opts and opts.get("covariates", 0) < self.n and opts.get("groups", 0) == 0:
            return None  # nothing to tie: no covariate per parameter, no group
        spec = {"by": "covariate", "n": self.n}
        return Change(self.name, self.root_cause, self.hypothesis,
                      f"tie the parameters into {self.n} tiers by their covariate (natural breaks)",
                      dict(ctx.config), {**ctx.data_repairs, "tiers": spec},
                      "# Before: one free parameter per entry of PARAMS",
                      f"# After: parameters with a covariate share one value per tier\ntiers = {spec}")
