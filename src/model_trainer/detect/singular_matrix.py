"""``singular_matrix``: the information matrix at the MLE optimum is singular or ill-conditioned.

Reads the fit's diagnostics (``mle/identify.py``): condition number, and which parameters lie in
the weak directions and why (no data support, or collinearity).

Example:
    >>> detect([], Facts(diagnostics={"singular": True, "condition_number": 1e12, "weak": [], "n_params": 3})).symptom
    'singular_matrix'
"""

from __future__ import annotations

from model_trainer.detect.base import Descriptor, Facts, Finding
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("singular_matrix", "NUMERICAL", online=False, horizon=True,
    causes=(
        "non_identifiable", "parameter_scaling",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "tie_tiers", "ridge", "log_transform",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    d = facts.diagnostics
    if not d or not d.get("singular"):
        return None
    weak = d.get("weak", [])
    cond = d.get("condition_number")
    cond_s = "infinite" if cond is None or cond == float("inf") else f"{cond:.3g}"
    support = sum(w["reason"] == "no data support" for w in weak)
    shown = ", ".join(f"`{w['name']}`" for w in weak[:4]) + (" ..." if len(weak) > 4 else "")
    msg = (f"the information matrix is singular (condition number {cond_s}); {len(weak)} of {d.get('n_params')} "
           f"parameters are not identifiable ({support} without data support, {len(weak) - support} collinear)"
           + (f": {shown}" if weak else ""))
    poor = d.get("poorly_determined") or []
    if poor:
        msg += (f"; {len(poor)} of {d.get('n_params')} estimates have a standard error larger than the estimate "
                f"or none at all")
    return Finding("singular_matrix", history[-1].epoch if history else None, msg,
                   {"condition_number": cond, "n_weak": len(weak), "no_support": support,
                    "inverse_error": d.get("inverse_error")})
