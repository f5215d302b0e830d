"""Values to hold one parameter of a non-identifiable pair at, justified by the fit: each member held at 0
(dropped) and at 1 (a neutral factor), inside its bounds, with the others re-optimised; the NLL change says
whether the data tell the value from the estimate (below chi2(1, 0.95)/2 = 1.92 they do not). Parameters the
likelihood does not depend on at all are offered together, held at 0 (or 1 where 0 is out of bounds).

Example:
    >>> import numpy as np
    >>> rep = Reparam.build([{"name": "a", "init": 1.0}, {"name": "b", "init": 1.0}], {})
    >>> weak = [{"name": "a", "reason": "collinearity", "with": ["b"]}]
    >>> best = fix_candidates(lambda z: (z[0] + z[1] - 2.0) ** 2, rep, np.array([1.0, 1.0]), weak)[0]
    >>> best["delta_nll"] < 1e-6
    True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from model_trainer.mle.profile import held
from model_trainer.mle.reparam import Reparam


def fix_candidates(objective: Callable[[np.ndarray], float], rep: Reparam, z: np.ndarray,
                   weak: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For the first two pairs the data cannot tell apart: each member held at 0 (dropped) and at 1 (a neutral
    factor), inside its bounds, with the others re-optimised; the NLL change says whether the value is
    supported (below chi2(1, 0.95)/2, it is)."""
    names = rep.slot_names()
    pairs: list[tuple[str, str]] = []
    for w in weak:
        if w["reason"] != "no data support" and w["with"]:
            pair = tuple(sorted((w["name"], w["with"][0])))
            if pair not in pairs:
                pairs.append(pair)  # type: ignore[arg-type]
    out = []
    bounds = rep.bounds()
    for pair in pairs[:2]:
        for p in pair:
            i = names.index(p)
            if len(rep.slots[i]) != 1 or rep.log[i]:
                continue  # a tier or a log-scale coordinate: holding it at 0 or 1 means something else
            partner = pair[1] if p == pair[0] else pair[0]
            for v in (0.0, 1.0):
                zv = v / float(rep.scale_factors()[i])
                lo, hi = bounds[i]
                if (lo is not None and zv < lo) or (hi is not None and zv > hi):
                    continue
                out.append({"parameters": {p: v}, "parameter": p, "partner": partner, "value": v,
                            "reason": "pair", "delta_nll": held(objective, z, i, zv, bounds)})
    unsupported = [w["name"] for w in weak if w["reason"] == "no data support"][:5]
    idx, vals = [], []
    for p in unsupported:
        i = names.index(p)
        if len(rep.slots[i]) != 1 or rep.log[i]:
            continue
        lo, hi = bounds[i]
        v = next((v for v in (0.0, 1.0) if (lo is None or v / float(rep.scale_factors()[i]) >= lo)
                  and (hi is None or v / float(rep.scale_factors()[i]) <= hi)), None)
        if v is not None:
            idx.append(i)
            vals.append(v)
    if idx:
        zs = [v / float(rep.scale_factors()[i]) for i, v in zip(idx, vals, strict=True)]
        out.append({"parameters": {names[i]: v for i, v in zip(idx, vals, strict=True)}, "reason": "no data support",
                    "delta_nll": held(objective, z, idx, zs, bounds)})
    return sorted(out, key=lambda c: c["delta_nll"])
