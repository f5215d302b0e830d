"""A tighter stopping tolerance, for a scipy fit that its own tolerance stopped after fewer iterations than it has
parameters (``detect/slow_convergence``): the tolerance the user's [config] passes to the optimiser (``tol``,
``ftol``, ``gtol``, ``xtol``), a thousandth and a millionth of it as a bracket, since how loose it was is not known in
advance.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"tol": 1e-3}, {}, Finding("slow_convergence", None, ""), Facts(), {"tol"})
    >>> TighterTolerance().propose(ctx).description
    'tol 0.001 -> 1e-09'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

# the names users give an optimiser's stopping tolerance in [config], most common first
TOLERANCE_KEYS = ("tol", "ftol", "gtol", "xtol", "fatol", "xatol")
# a tolerance at or above this stops a fit while its objective still moves in the third or fourth digit
LOOSE_TOLERANCE = 1e-5


def loose_tolerance(config: dict[str, object]) -> str | None:
    """The [config] key holding a loose stopping tolerance, or None."""
    for key in TOLERANCE_KEYS:
        v = config.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= LOOSE_TOLERANCE:
            return key
    return None


class TighterTolerance(Repair):
    name = "tighter_tolerance"
    root_cause = "insufficient_training"
    symptoms = ("slow_convergence", "underfitting")
    hypothesis = "The optimiser's stopping tolerance ended the fit before it converged"

    def propose(self, ctx: Context) -> Change | None:
        key = loose_tolerance(ctx.config)
        if key is None:
            return None
        v = float(ctx.config[key])  # type: ignore[arg-type]
        return self.bracketed(ctx, key, [v * 1e-3, v * 1e-6])
