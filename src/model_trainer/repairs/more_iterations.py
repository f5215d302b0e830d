"""Ten times the solver's ``max_iter`` (scikit-learn, scipy), for a solver stopped before converging.

Example:
    >>> MoreIterations().root_cause
    'insufficient_training'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class MoreIterations(Repair):
    name = "more_iterations"
    root_cause = "insufficient_training"
    symptoms = ("slow_convergence",)
    hypothesis = "The solver hit its iteration limit before converging"

    def propose(self, ctx: Context) -> Change | None:
        n = ctx.config.get("max_iter")
        if not isinstance(n, int):
            return None
        return self.knob(ctx, "max_iter", n * 10)
