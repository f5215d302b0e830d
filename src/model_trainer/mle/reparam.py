"""Re-parameterisations of an MLE model that leave the user's code untouched.

The optimiser works on a free vector ``z``; ``to_theta(z)`` gives the user's ``theta`` in ``PARAMS``
order. Parameters can be log-transformed (positive ones), tied into tiers (by ``covariate``
quantiles or by ``group``), shrunk toward their group mean (ridge penalty), held fixed at a value
(``fix``: one of a pair the data cannot tell apart; fixed at 0 it is dropped), or rescaled (``rescale``:
``theta = s * z`` so that parameters whose magnitudes differ by orders move alike for the optimiser).

Example:
    >>> r = Reparam.build([{"name": "a", "init": 1.0, "lower": 0}, {"name": "b", "init": 2.0}], {})
    >>> r.n_free, r.to_theta(r.z0()).tolist()
    (2, [1.0, 2.0])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

MLE_REPAIRS = ("log_transform", "tiers", "ridge", "init_scale", "fix", "rescale")


@dataclass
class Reparam:
    names: list[str]
    init: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    slots: list[list[int]]                 # each free coordinate sets these theta indices
    log: list[bool]                        # per slot: optimised in log space
    ridge: float = 0.0
    ridge_groups: list[list[int]] = field(default_factory=list)
    tier_info: list[dict[str, Any]] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)   # per slot: theta = scale * z (1 = as given)
    fixed: dict[str, float] = field(default_factory=dict)

    @property
    def n_free(self) -> int:
        return len(self.slots)

    @classmethod
    def build(cls, params: list[dict[str, Any]], spec: dict[str, Any]) -> Reparam:
        names = [str(p["name"]) for p in params]
        problems = covariate_problems(params)
        if problems:  # computed PARAMS escape the spec-time check; stop before fitting, naming the parameter
            raise ValueError("PARAMS: a covariate must be a number per parameter: " + "; ".join(problems[:3]))
        init = np.array([float(p["init"]) for p in params])
        scale = float(spec.get("init_scale") or 1.0)
        if scale != 1.0:  # start positive parameters closer to zero (an exponential rate that overflows)
            init = np.where(init > 0, init * scale, init)
        lower = np.array([float(p.get("lower", -np.inf)) if p.get("lower") is not None else -np.inf for p in params])
        upper = np.array([float(p.get("upper", np.inf)) if p.get("upper") is not None else np.inf for p in params])
        fixed = {str(k): float(v) for k, v in (spec.get("fix") or {}).items()}
        unknown = [k for k in fixed if k not in names]
        if unknown:
            raise ValueError(f"fix names parameter(s) {unknown!r} that PARAMS does not define")
        for k, v in fixed.items():
            init[names.index(k)] = v
        slots: list[list[int]] = []
        tier_info: list[dict[str, Any]] = []
        tiers = spec.get("tiers")
        tied: set[int] = {names.index(k) for k in fixed}
        if tiers:
            slots, tier_info = _tier_slots([p for p in params if str(p["name"]) not in fixed], tiers,
                                           [i for i, p in enumerate(params) if str(p["name"]) not in fixed])
            tied |= {i for s in slots for i in s}
        slots += [[i] for i in range(len(params)) if i not in tied]
        positive = [bool(np.all(lower[s] >= 0) and np.all(init[s] > 0)) for s in slots]
        log = [bool(spec.get("log_transform")) and pos for pos in positive]
        scales = {str(k): float(v) for k, v in (spec.get("rescale") or {}).items()}
        bad = {k: v for k, v in scales.items() if not (np.isfinite(v) and v > 0)}
        if bad:
            raise ValueError(f"rescale factors must be finite and > 0, got {bad!r}")
        scale = [1.0 if lg else scales.get(names[s[0]], 1.0) for s, lg in zip(slots, log, strict=True)]
        groups: dict[str, list[int]] = {}
        for i, p in enumerate(params):
            if p.get("group") is not None and str(p["name"]) not in fixed:
                groups.setdefault(str(p["group"]), []).append(i)
        return cls(names, init, lower, upper, slots, log, float(spec.get("ridge") or 0.0),
                   [g for g in groups.values() if len(g) > 1], tier_info, scale, fixed)

    def scale_factors(self) -> np.ndarray:
        return np.asarray(self.scale if self.scale else [1.0] * self.n_free, dtype=float)

    def z0(self) -> np.ndarray:
        vals = np.array([float(np.mean(self.init[s])) for s in self.slots])
        return np.where(self.log, np.log(np.maximum(vals, 1e-300)), vals / self.scale_factors())

    def to_z(self, theta_slots: np.ndarray) -> np.ndarray:
        """Free coordinates for values of the slots (one value per slot, on the user's scale)."""
        vals = np.asarray(theta_slots, dtype=float)
        return np.where(self.log, np.log(np.maximum(vals, 1e-300)), vals / self.scale_factors())

    def to_theta(self, z: np.ndarray) -> np.ndarray:
        theta = self.init.copy()
        vals = np.where(self.log, np.exp(np.clip(z, -700, 700)), np.asarray(z, dtype=float) * self.scale_factors())
        for v, s in zip(vals, self.slots, strict=True):
            theta[s] = v
        return theta

    def bounds(self) -> list[tuple[float | None, float | None]]:
        out = []
        for s, lg, sc in zip(self.slots, self.log, self.scale_factors(), strict=True):
            lo, hi = float(np.max(self.lower[s])), float(np.min(self.upper[s]))
            if lg:
                lo_z = np.log(lo) if lo > 0 else None
                hi_z = np.log(hi) if np.isfinite(hi) else None
                out.append((lo_z, hi_z))
            else:
                out.append((lo / sc if np.isfinite(lo) else None, hi / sc if np.isfinite(hi) else None))
        return out

    def slot_bounds(self) -> dict[str, tuple[float | None, float | None]]:
        """Each free parameter's bounds on the user's scale (for flagging estimates at a bound)."""
        out = {}
        for name, s in zip(self.slot_names(), self.slots, strict=True):
            lo, hi = float(np.max(self.lower[s])), float(np.min(self.upper[s]))
            out[name] = (lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None)
        return out

    def penalty(self, theta: np.ndarray) -> float:
        if not self.ridge:
            return 0.0
        return self.ridge * float(sum(np.sum((theta[g] - theta[g].mean()) ** 2) for g in self.ridge_groups))

    def slot_names(self) -> list[str]:
        out = []
        for s in self.slots:
            info = next((t for t in self.tier_info if t["members"] == s), None)
            out.append(info["name"] if info else self.names[s[0]])
        return out

    def describe(self) -> dict[str, Any]:
        return {"n_free": self.n_free, "log_transformed": [n for n, lg in zip(self.slot_names(), self.log,
                                                                                strict=True) if lg],
                "tiers": [{k: v for k, v in t.items() if k != "members"} | {"size": len(t["members"])}
                          for t in self.tier_info], "ridge": self.ridge, "fixed": dict(self.fixed),
                "rescaled": {n: s for n, s in zip(self.slot_names(), self.scale_factors(), strict=True) if s != 1.0}}


def covariate_problems(params: list[dict[str, Any]]) -> list[str]:
    """Parameters whose ``covariate`` is not a finite number (tiers are cut on its numeric value)."""
    out = []
    for p in params:
        c = p.get("covariate")
        if c is None:
            continue
        if isinstance(c, bool) or not isinstance(c, (int, float, np.integer, np.floating)) or not np.isfinite(c):
            out.append(f"`{p.get('name')}` has covariate {c!r}")
    return out


def _tier_slots(params: list[dict[str, Any]], tiers: dict[str, Any],
                index: list[int] | None = None) -> tuple[list[list[int]], list[dict[str, Any]]]:
    """Tie parameters with a ``covariate`` into quantile tiers, or those with a ``group`` by group.
    ``index`` maps positions in ``params`` to positions in the full PARAMS (when some are fixed)."""
    index = index if index is not None else list(range(len(params)))
    slots, info = _tier_slots_local(params, tiers)
    return [[index[i] for i in s] for s in slots], [t | {"members": [index[i] for i in t["members"]]} for t in info]


def _tier_slots_local(params: list[dict[str, Any]],
                      tiers: dict[str, Any]) -> tuple[list[list[int]], list[dict[str, Any]]]:
    n_tiers = int(tiers.get("n", 3))
    with_cov = [i for i, p in enumerate(params) if p.get("covariate") is not None]
    if tiers.get("by", "covariate") == "covariate" and len(with_cov) >= n_tiers:
        problems = covariate_problems(params)
        if problems:
            raise ValueError("tiers by covariate need a number per parameter: " + "; ".join(problems[:3]))
        cov = np.array([float(params[i]["covariate"]) for i in with_cov])
        cuts = natural_breaks(cov, n_tiers) if tiers.get("method", "breaks") == "breaks" else \
            np.quantile(cov, np.linspace(0, 1, n_tiers + 1)[1:-1])
        labels = np.searchsorted(cuts, cov, side="right")
        names = {3: ["periphery", "medium", "hub"]}.get(n_tiers, [f"tier{k + 1}" for k in range(n_tiers)])
        slots, info = [], []
        for k in range(n_tiers):
            members = [with_cov[j] for j in np.flatnonzero(labels == k)]
            if not members:
                continue
            lo = float(cuts[k - 1]) if k > 0 else None
            hi = float(cuts[k]) if k < n_tiers - 1 else None
            slots.append(members)
            info.append({"name": f"{_stem(params, members)}_{names[k]}", "members": members, "covariate_from": lo,
                         "covariate_to": hi})
        return slots, info
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(params):
        if p.get("group") is not None:
            groups.setdefault(str(p["group"]), []).append(i)
    slots = [m for m in groups.values()]
    info = [{"name": f"{_stem(params, m)}_{g}", "members": m} for g, m in groups.items()]
    return slots, info


def natural_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Thresholds splitting ``values`` into ``k`` tiers with the least within-tier variance (Jenks),
    on a log scale when all values are positive (traffic, population and degree span orders of
    magnitude); falls back to quantiles for k > 3 or very few values."""
    v = np.sort(values.astype(float))
    x = np.log(v) if np.all(v > 0) else v
    n = len(x)
    if k != 3 or n < 6:
        return np.quantile(values, np.linspace(0, 1, k + 1)[1:-1])
    c1, c2 = np.concatenate([[0.0], np.cumsum(x)]), np.concatenate([[0.0], np.cumsum(x ** 2)])

    def sse(a: int, b: int) -> float:  # x[a:b]
        m = b - a
        s = c1[b] - c1[a]
        return float(c2[b] - c2[a] - s * s / m)

    best = min((sse(0, i) + sse(i, j) + sse(j, n), i, j) for i in range(1, n - 1) for j in range(i + 1, n))
    _, i, j = best
    return np.array([(v[i - 1] + v[i]) / 2, (v[j - 1] + v[j]) / 2])


def _stem(params: list[dict[str, Any]], members: list[int]) -> str:
    first = str(params[members[0]]["name"])
    return first.split("_")[0] if "_" in first else first
