"""More of the solver's ``max_iter`` (scikit-learn, scipy), for a solver stopped before converging: 10x, 100x and
1000x as a bracket (up to 100,000), since how far a solver is from converging is not known in advance.

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
        values = sorted({min(n * f, _CAP) for f in (10, 100, 1000)} - {n})
        return self.bracketed(ctx, "max_iter", values) if values else None


_CAP = 100_000
