"""The information matrix at the optimum: Hessian, standard errors, condition number, and which
parameters are not identifiable and why (no data support, or collinearity with others).

Example:
    >>> import numpy as np
    >>> rep = analyse(lambda z: (z[0] - 1) ** 2 + 0 * z[1], np.array([1.0, 0.0]), ["a", "b"])
    >>> rep["weak"][0]["name"], rep["weak"][0]["reason"]
    ('b', 'no data support')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

# A condition number above this (about 1 / sqrt(machine epsilon)) leaves half the digits of the
# standard errors meaningless: the usual numerical-rank tolerance for an information matrix.
COND_LIMIT = 1e8
# An eigenvector component this large names a parameter as part of a weak direction.
LOADING = 0.3


def hessian(f: Callable[[np.ndarray], float], z: np.ndarray) -> np.ndarray:
    """Central second differences with a step scaled to each coordinate (symmetric by construction)."""
    n = len(z)
    h = 1e-4 * np.maximum(1.0, np.abs(z))
    f0 = f(z)
    H = np.empty((n, n))
    fp = np.empty(n)
    fm = np.empty(n)
    for i in range(n):
        e = np.zeros(n)
        e[i] = h[i]
        fp[i], fm[i] = f(z + e), f(z - e)
        H[i, i] = (fp[i] - 2 * f0 + fm[i]) / h[i] ** 2
    for i in range(n):
        for j in range(i + 1, n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i], ej[j] = h[i], h[j]
            val = (f(z + ei + ej) - fp[i] - fp[j] + 2 * f0 - fm[i] - fm[j] + f(z - ei - ej)) / (2 * h[i] * h[j])
            H[i, j] = H[j, i] = val
    return H


def analyse(f: Callable[[np.ndarray], float], z: np.ndarray, names: list[str]) -> dict[str, Any]:
    """Identifiability at the optimum ``z`` of ``f`` (a negative log-likelihood).

    The condition number is that of the information matrix scaled to unit diagonal (the correlation
    form used in collinearity diagnostics), so parameters on different scales (a rate per day and a
    count) do not look unidentifiable; a parameter whose own curvature is nil has no data support.
    """
    H = hessian(f, z)
    out: dict[str, Any] = {"n_params": len(z), "finite": bool(np.all(np.isfinite(H)))}
    if not out["finite"]:
        out.update(condition_number=float("inf"), singular=True, weak=[], se={}, n_weak=0,
                   inverse_error="non-finite Hessian")
        return out
    diag = np.diag(H).copy()
    top_diag = float(np.max(np.abs(diag))) or 1.0
    supported = diag > top_diag / COND_LIMIT
    weak: list[dict[str, Any]] = [{"name": names[i], "reason": "no data support", "curvature": float(diag[i]),
                                   "with": []} for i in np.flatnonzero(~supported)]
    idx = np.flatnonzero(supported)
    cond = float("inf") if len(weak) else 1.0
    if len(idx):
        d = np.sqrt(diag[idx])
        S = H[np.ix_(idx, idx)] / np.outer(d, d)
        eig, vec = np.linalg.eigh(S)
        small = float(np.min(eig))
        top = float(np.max(eig))
        scaled_cond = top / small if small > 0 else float("inf")
        cond = max(cond, scaled_cond)
        out["eigen_min"], out["eigen_max"] = small, top
        seen = {w["name"] for w in weak}
        for k in np.flatnonzero(eig < top / COND_LIMIT):
            v = np.abs(vec[:, k])
            # the parameters that make up the weak direction; a direction spread thinly over many
            # parameters is named by its three largest components
            strong = np.flatnonzero(v >= LOADING)
            members = [idx[i] for i in (strong if len(strong) else np.argsort(v)[-3:])]
            for i in members:
                if names[i] in seen:
                    continue
                seen.add(names[i])
                weak.append({"name": names[i], "reason": "collinearity", "curvature": float(diag[i]),
                             "with": [names[j] for j in members if j != i][:5]})
    out["condition_number"] = cond
    out["singular"] = bool(cond >= COND_LIMIT)
    try:
        cov = np.linalg.inv(H)
        if not np.all(np.isfinite(cov)):
            raise np.linalg.LinAlgError("Singular matrix")
        se = np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
        out["se"] = {n: float(s) for n, s in zip(names, se, strict=True)}
        out["inverse_error"] = None
    except np.linalg.LinAlgError as exc:
        out["se"] = {}
        out["inverse_error"] = f"LinAlgError: {exc}"
    out["weak"] = weak
    out["n_weak"] = len(weak)
    return out
