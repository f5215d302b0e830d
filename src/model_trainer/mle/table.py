"""The fit's table for the paper: estimate, standard error, 95% Wald interval, relative SE, and whether the
estimate sits at a bound (an estimate at its bound is not an interior optimum: its SE and interval do not
hold, and the bound itself is a modelling choice to report).

Example:
    >>> t = estimates_table({"a": 2.0, "b": 0.0}, {"a": 0.5, "b": 0.1}, {"a": (0.0, None), "b": (0.0, 5.0)},
    ...                     nll=10.0, aic=24.0, bic=26.0, n_obs=50)
    >>> round(t["rows"][0]["ci_low"], 3), t["rows"][1]["at_bound"]
    (1.02, 'lower')
"""

from __future__ import annotations

import math
from typing import Any

Z95 = 1.959963984540054
# an estimate within this relative distance of a finite bound is at it (L-BFGS-B's projected steps land
# exactly on the bound; the tolerance only absorbs rounding)
BOUND_TOL = 1e-6


def at_bound(value: float, lower: float | None, upper: float | None) -> str | None:
    for side, b in (("lower", lower), ("upper", upper)):
        if b is not None and math.isfinite(b) and abs(value - b) <= BOUND_TOL * max(1.0, abs(b)):
            return side
    return None


def estimates_table(estimates: dict[str, float], se: dict[str, float],
                    bounds: dict[str, tuple[float | None, float | None]], *, nll: float, aic: float, bic: float,
                    n_obs: int) -> dict[str, Any]:
    rows = []
    for name, v in estimates.items():
        s = se.get(name)
        s = s if s is not None and math.isfinite(s) else None
        lo, hi = bounds.get(name, (None, None))
        rows.append({"parameter": name, "estimate": v, "se": s,
                     "ci_low": round(v - Z95 * s, 12) if s is not None else None,
                     "ci_high": round(v + Z95 * s, 12) if s is not None else None,
                     "relative_se": (s / abs(v) if v else None) if s is not None else None,
                     "at_bound": at_bound(v, lo, hi), "lower": lo, "upper": hi})
    return {"interval": "Wald 95% (estimate +- 1.96 SE from the inverse observed information)", "rows": rows,
            "nll": nll, "aic": aic, "bic": bic, "n_obs": n_obs, "n_params": len(rows)}


def bound_findings(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Estimates at a bound, each with a sentence for the record."""
    out = []
    for r in table["rows"]:
        if r["at_bound"]:
            b = r[r["at_bound"]]
            out.append({"parameter": r["parameter"], "bound": r["at_bound"], "value": b,
                        "text": f"`{r['parameter']}` = {r['estimate']:.4g} is at its {r['at_bound']} bound {b:g}: "
                                "the optimum lies on the boundary, so its standard error and Wald interval do not "
                                "hold; report it as constrained"})
    return out
