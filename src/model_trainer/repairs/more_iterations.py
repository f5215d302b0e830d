"""More of the solver's iteration limit (scikit-learn's ``max_iter``, scipy's ``maxiter``/``maxfev`` passed through
[config]), for a solver stopped before converging: 10x, 100x and 1000x as a bracket (up to 100,000), since how far a
solver is from converging is not known in advance.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"maxiter": 50}, {}, Finding("slow_convergence", None, ""), Facts(), {"maxiter"})
    >>> MoreIterations().propose(ctx).description
    'maxiter 50 -> 5000'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class MoreIterations(Repair):
    name = "more_iterations"
    root_cause = "insufficient_training"
    symptoms = ("slow_convergence",)
    hypothesis = "The solver hit its iteration limit before converging"

    def propose(self, ctx: Context) -> Change | None:
        key = next((k for k in ITERATION_KEYS if k in ctx.config), "max_iter")
        n = ctx.config.get(key)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            return None
        values = sorted({min(n * f, _CAP) for f in (10, 100, 1000)} - {n})
        return self.bracketed(ctx, key, values) if values else None


_CAP = 100_000
# the names users give a solver's iteration or evaluation limit in [config], most specific first
ITERATION_KEYS = ("max_iter", "maxiter", "max_iterations", "maxfev", "max_nfev", "max_evals")
