"""Another ``scipy.optimize.minimize`` method, for a fit that reported convergence near where it started.

A quasi-Newton method (L-BFGS-B, BFGS) takes its first step along the gradient at the start. Where that step
overflows the objective (an exponential of a covariate in raw units) or the parameters live on scales orders apart,
its line search can give up at once and its stopping test still passes: "converged" after an iteration or two,
every slope where it began. A method that builds no quasi-Newton model from that first step (Powell's derivative-free
search, truncated Newton, the simplex) is not misled the same way. The user's config names the method (a key
``method``, ``optimizer`` or ``solver`` whose value is a scipy method); the candidates are searched like any bracket.

A success shows the first method stopped too early; it does not single out why (the scale of the inputs or of the
parameters, an overflow), so it confirms no cause.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> stalled = Finding("underfitting", None, "", {"stalled_fit": {"iterations": 1, "parameters": 5}})
    >>> ctx = Context({"optimizer": "L-BFGS-B"}, {}, stalled, Facts(), {"optimizer"})
    >>> [c.description for c in SwitchMethod().propose(ctx).bracket]
    ['optimizer "L-BFGS-B" -> "Powell"', 'optimizer "L-BFGS-B" -> "TNC"', 'optimizer "L-BFGS-B" -> "Nelder-Mead"']
    >>> SwitchMethod().propose(Context({"optimizer": "adam"}, {}, stalled, Facts(), {"optimizer"})) is None
    True
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

# scipy.optimize.minimize's methods, as its ``method`` argument spells them (compared without case)
SCIPY_METHODS = ("nelder-mead", "powell", "cg", "bfgs", "newton-cg", "l-bfgs-b", "tnc", "cobyla", "cobyqa", "slsqp",
                 "trust-constr", "dogleg", "trust-ncg", "trust-exact", "trust-krylov")
# searched in this order: Powell and TNC honour bounds as L-BFGS-B does; the simplex ignores them (scipy warns)
_CANDIDATES = ("Powell", "TNC", "Nelder-Mead")
_KEYS = ("method", "optimizer", "solver")


class SwitchMethod(Repair):
    name = "switch_method"
    root_cause = "parameter_scaling"
    confirms_cause = False
    symptoms = ("underfitting", "slow_convergence")
    hypothesis = ("The optimisation method stopped near its start (a first step that overflowed, parameters on scales "
                  "far apart); another method does not")

    def __init__(self, candidates: tuple[str, ...] = _CANDIDATES) -> None:
        bad = [c for c in candidates if c.lower() not in SCIPY_METHODS]
        if not candidates or bad:
            raise ValueError(f"candidates must be scipy.optimize.minimize methods, got {candidates!r}")
        self.candidates = tuple(candidates)

    def propose(self, ctx: Context) -> Change | None:
        if "stalled_fit" not in ctx.finding.evidence:
            return None
        key = next((k for k in _KEYS if k in ctx.knobs and isinstance(ctx.config.get(k), str)
                    and str(ctx.config[k]).lower() in SCIPY_METHODS), None)
        if key is None:
            return None
        current = str(ctx.config[key]).lower()
        return self.bracketed(ctx, key, [m for m in self.candidates if m.lower() != current])
