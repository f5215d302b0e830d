"""Optimise each parameter in units of its natural step size, when the steps are orders of magnitude apart.

``theta_i = s_i * z_i`` with ``s_i`` the power of ten nearest to ``1/sqrt(I_ii)`` (the change that moves the NLL
by about one half), so every ``z_i`` moves on the same scale: the diagonal scaling of Nocedal & Wright (2006,
section 2.2). The user's code is unchanged (``mle/reparam.py``, ``rescale``).

Example:
    >>> RescaleParameters().root_cause
    'parameter_scaling'
"""

from __future__ import annotations

import math

from model_trainer.repairs.base import Change, Context, Repair


class RescaleParameters(Repair):
    name = "rescale_parameters"
    root_cause = "parameter_scaling"
    symptoms = ("slow_convergence", "underfitting", "singular_matrix")
    hypothesis = "The parameters live on scales orders of magnitude apart; the optimiser cannot step in both"

    def propose(self, ctx: Context) -> Change | None:
        d = ctx.facts.diagnostics or {}
        sc = d.get("scaling") or {}
        if ctx.data_repairs.get("rescale") or not sc.get("gap"):
            return None
        factors = {n: 10.0 ** round(math.log10(s)) for n, s in sc["step"].items() if s > 0}
        shown = ", ".join(f"`{n}` x {f:g}" for n, f in factors.items())
        return Change(self.name, self.root_cause, self.hypothesis,
                      f"rescale the parameters to their natural step sizes ({sc['orders']:.1f} orders apart): {shown}",
                      dict(ctx.config), {**ctx.data_repairs, "rescale": factors},
                      "# Before: theta optimised on the user's scale",
                      "# After: theta_i = s_i * z_i, z optimised; the user's code is unchanged\n"
                      f"rescale = {factors}")
