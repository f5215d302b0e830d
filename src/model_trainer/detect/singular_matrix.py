"""``singular_matrix``: the information matrix at the MLE optimum is singular, or the estimates themselves
show parameters the data cannot tell apart (a pair correlated at |r| near 1 with a standard error larger than
the estimate, a weak direction on the estimates' own scale), even where rounding keeps the condition number
under its limit.

Reads the fit's diagnostics (``mle/identify.py``, ``mle/profile.py``); quotes a flat profile when one was
computed, since that is the proof. A fit whose likelihood is not finite at the estimates is left to
``mle_optimizer`` (a ``nan_loss``): its matrix says nothing about identifiability.

Example:
    >>> detect([], Facts(diagnostics={"singular": True, "condition_number": 1e12, "weak": [], "n_params": 3})).symptom
    'singular_matrix'
"""

from __future__ import annotations

import math
from typing import Any

from model_trainer.detect.base import Descriptor, Facts, Finding
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("singular_matrix", "NUMERICAL", online=False, horizon=True,
    causes=(
        "non_identifiable", "parameter_scaling",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "fix_parameter", "tie_tiers", "ridge", "log_transform", "rescale_parameters",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    d = facts.diagnostics
    if not d or not d.get("singular") or d.get("nll_finite") is False or d.get("finite") is False:
        return None  # no finite information matrix: mle_optimizer reports where the likelihood is not finite
    weak = d.get("weak", [])
    if _only_scaled_weakness_on_a_bound(d, weak):
        return None  # the fit ended on a bound: ``mle_optimizer`` reports that, the stronger finding
    cond = d.get("condition_number")
    cond_s = "infinite" if cond is None or not math.isfinite(cond) else f"{cond:.3g}"
    n = d.get("n_params")
    support = sum(w["reason"] == "no data support" for w in weak)
    coll = sum(w["reason"] == "collinearity" for w in weak)
    flat = [w for w in weak if w["reason"] == "flat to its bounds"]
    other = len(weak) - support - coll - len(flat)
    if d.get("numerically_singular", True):
        head = f"the information matrix is singular (condition number {cond_s})"
    else:
        head = (f"the estimates are not identifiable although the information matrix's condition number "
                f"({cond_s}) is under its limit")
    shown = ", ".join(f"`{w['name']}`" for w in weak[:4]) + (" ..." if len(weak) > 4 else "")
    msg = (f"{head}; {len(weak)} of {n} parameters are not identifiable ({support} without data support, "
           f"{coll} collinear" + (f", {other} confounded in the estimates" if other else "")
           + (f", {len(flat)} with a standard error wider than its bounds' range" if flat else "") + ")"
           + (f": {shown}" if weak else ""))
    for w in flat[:2]:
        lo, hi = w["bounds"]
        msg += (f"; `{w['name']}`'s standard error {w['se']:.4g} is {w['se'] / (hi - lo):.3g}x the width of its "
                f"bounds [{lo:g}, {hi:g}]: the likelihood is flat along it up to a bound")
    pairs = d.get("correlated_pairs") or []
    if pairs:
        p = pairs[0]
        rel = d.get("relative_se") or {}
        msg += (f"; `{p['a']}` and `{p['b']}` are correlated at r = {p['r']:.6f}"
                + "".join(f", SE/|estimate| of `{k}` {rel[k]:.3g}" for k in (p["a"], p["b"])
                          if k in rel and math.isfinite(rel[k])))
    directions = d.get("scaled_weak_directions") or []
    if directions and not pairs:
        w = directions[0]
        msg += (f"; on the estimates' own scale the direction {_direction(w)} has eigenvalue "
                f"{w['ratio_to_largest']:.2g} of the largest")
    flat_profiles = [p for p in d.get("profiles") or [] if p.get("flat")]
    if flat_profiles:
        from model_trainer.mle.profile import line as profile_line  # mle/ reads detect.thresholds: import late

        msg += "; " + profile_line(flat_profiles[0])
    opt = d.get("optimizer") or {}
    if opt and not d.get("optimizer_converged", True):
        # the matrix was taken where the optimiser stopped, not at an optimum it vouched for
        msg += f" (taken where {opt.get('method')} stopped without converging: \"{opt.get('message')}\")"
    poor = d.get("poorly_determined") or []
    if poor and not pairs:
        msg += f"; {len(poor)} of {n} estimates have a standard error larger than the estimate or none at all"
    return Finding("singular_matrix", history[-1].epoch if history else None, msg,
                   {"condition_number": cond, "n_weak": len(weak), "no_support": support,
                    "inverse_error": d.get("inverse_error"), "cause": "non_identifiable",
                    "pairs": [(p["a"], p["b"]) for p in pairs[:5]],
                    "flat_profiles": [p["parameter"] for p in flat_profiles],
                    "numerically_singular": d.get("numerically_singular", True)})


def _only_scaled_weakness_on_a_bound(d: dict[str, Any], weak: list[dict[str, Any]]) -> bool:
    """The estimates end on a bound the model sets, and the only sign of non-identifiability is a weak direction on
    the estimates' own scale. At a constrained optimum the gradient is not zero along the bound's parameter, so the
    curvature there is not that of a minimum and a weak direction is no proof; a numerically singular matrix, a
    collinear pair or a profile flat to its bounds still is."""
    on_bound = [b for b in d.get("at_bounds") or [] if isinstance(b.get("value"), (int, float)) and b["value"] != 0]
    if not on_bound or not weak or d.get("numerically_singular", True) or d.get("correlated_pairs"):
        return False
    if any(p.get("flat") for p in d.get("profiles") or []):
        return False
    return all(w.get("reason") == "weak direction on the estimates' scale" for w in weak)


def _direction(w: dict[str, Any]) -> str:
    return " ".join(f"{'+' if v >= 0 else '-'}{abs(v):.2f} `{k}`" for k, v in w.get("loadings", {}).items())
