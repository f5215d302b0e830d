"""The information matrix at the optimum and what it says about identifiability.

Four views, each a line of evidence a statistician would quote: the condition number of the unit-diagonal
information matrix (numerical singularity), standard errors relative to the estimates, the correlation
matrix of the estimates (|r| near 1 names a pair the data cannot tell apart), and the eigenvectors of the
information matrix on the estimates' own scale (scale-free: a rate of 1e-4 and a count of 1e4 weigh alike).

Example:
    >>> import numpy as np
    >>> rep = analyse(lambda z: (z[0] - 1) ** 2 + 0 * z[1], np.array([1.0, 0.0]), ["a", "b"])
    >>> rep["weak"][0]["name"], rep["weak"][0]["reason"]
    ('b', 'no data support')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from model_trainer.detect import thresholds as T

COND_LIMIT = T.MLE_COND_LIMIT
LOADING = T.MLE_LOADING


def steps(z: np.ndarray) -> np.ndarray:
    """Finite-difference steps relative to each coordinate, with a floor so a parameter at zero still moves;
    a rate of 1e-4 gets a step of 1e-8 scale, not 1e-4 (which would be the whole value)."""
    return 1e-4 * np.maximum(np.abs(z), 1e-2)


def hessian(f: Callable[[np.ndarray], float], z: np.ndarray) -> np.ndarray:
    """Central second differences with a step scaled to each coordinate (symmetric by construction)."""
    n = len(z)
    h = steps(z)
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


def analyse(f: Callable[[np.ndarray], float], z: np.ndarray, names: list[str],
            scale: np.ndarray | None = None) -> dict[str, Any]:
    """Identifiability at the optimum ``z`` of ``f`` (a negative log-likelihood).

    ``scale`` is each coordinate's own magnitude where it is not ``|z|`` (1 for a coordinate already on a log
    scale; 0 or NaN: the default, ``|z|`` but at least the conditional standard error). Relative standard
    errors are SE / that magnitude. ``singular`` is true when the matrix is numerically singular
    *or* the estimates show a pair or direction the data do not determine (``non_identifiable``), so a
    dependence like ``A * exp(b0 + ...)`` is flagged even when rounding keeps the condition number finite.
    """
    H = hessian(f, z)
    out: dict[str, Any] = {"n_params": len(z), "finite": bool(np.all(np.isfinite(H)))}
    if not out["finite"]:
        out.update(condition_number=float("inf"), singular=True, non_identifiable=False, weak=[], se={},
                   n_weak=0, inverse_error="non-finite Hessian", relative_se={}, correlated_pairs=[],
                   scaled_weak_directions=[])
        return out
    diag = np.diag(H).copy()
    out["hessian_diag"] = [float(x) for x in diag]
    # support is judged on each parameter's own scale, not against the others' curvature (a rate of 1e-4 has
    # a curvature 1e10 times a count's and is no better supported): moving the parameter by its own magnitude
    # (1 for an estimate at zero) must change the NLL by more than MLE_NO_SUPPORT_NLL
    own = np.abs(z)
    own = np.where(own > 0, own, 1.0)
    supported = diag * own ** 2 > T.MLE_NO_SUPPORT_NLL
    weak: list[dict[str, Any]] = [{"name": names[i], "reason": "no data support", "curvature": float(diag[i]),
                                   "with": []} for i in np.flatnonzero(~supported)]
    idx = np.flatnonzero(supported)
    cond = float("inf") if len(weak) else 1.0
    seen = {w["name"] for w in weak}
    if len(idx):
        d = np.sqrt(diag[idx])
        S = H[np.ix_(idx, idx)] / np.outer(d, d)
        eig, vec = np.linalg.eigh(S)
        small = float(np.min(eig))
        top = float(np.max(eig))
        scaled_cond = top / small if small > 0 else float("inf")
        cond = max(cond, scaled_cond)
        out["eigen_min"], out["eigen_max"] = small, top
        for k in np.flatnonzero(eig < top / COND_LIMIT):
            for i, members in _members(vec[:, k], idx):
                if names[i] not in seen:
                    seen.add(names[i])
                    weak.append({"name": names[i], "reason": "collinearity", "curvature": float(diag[i]),
                                 "with": [names[j] for j in members if j != i][:5]})
    out["condition_number"] = cond
    cov = None
    try:
        cov = np.linalg.inv(H)
        if not np.all(np.isfinite(cov)):
            raise np.linalg.LinAlgError("Singular matrix")
        with np.errstate(invalid="ignore"):
            se = np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
        out["se"] = {n: float(s) for n, s in zip(names, se, strict=True)}
        out["inverse_error"] = None
    except np.linalg.LinAlgError as exc:
        cov = None
        out["se"] = {}
        out["inverse_error"] = f"LinAlgError: {exc}"
    given = np.zeros(len(z)) if scale is None else np.nan_to_num(np.asarray(scale, dtype=float))
    ref = np.where(given > 0, given, np.abs(z))
    out["relative_se"] = relative_se(out["se"], ref, names)
    out["correlation"], out["correlated_pairs"] = correlations(cov, names) if cov is not None else (None, [])
    mag = np.where(given > 0, given, _scale(z, diag))
    # only estimates larger than their conditional SE have a scale of their own; one indistinguishable from
    # zero (or held at a bound of zero) is judged by the matrix and the correlations, not by relative precision
    cond_se = np.where(diag > 0, 1.0 / np.sqrt(np.where(diag > 0, diag, 1.0)), np.inf)
    own_scale = np.flatnonzero((given > 0) | (np.abs(z) > cond_se))
    sub = [names[i] for i in own_scale]
    out["scaled_condition_number"], out["scaled_weak_directions"] = (
        scaled_eigen(H[np.ix_(own_scale, own_scale)], mag[own_scale], sub) if len(own_scale) else (1.0, []))
    for pair in out["correlated_pairs"]:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            if a not in seen and out["relative_se"].get(a, math.inf) > T.MLE_REL_SE_LIMIT:
                seen.add(a)
                weak.append({"name": a, "reason": "correlated estimates", "curvature": float(diag[names.index(a)]),
                             "with": [b], "r": pair["r"]})
    for direction in out["scaled_weak_directions"]:
        members = direction["parameters"]
        for a in members:
            if a not in seen:
                seen.add(a)
                weak.append({"name": a, "reason": "weak direction on the estimates' scale",
                             "curvature": float(diag[names.index(a)]), "with": [m for m in members if m != a][:5]})
    out["weak"] = weak
    out["n_weak"] = len(weak)
    out["numerically_singular"] = bool(cond >= COND_LIMIT)
    # parameters the data do not determine: no support, a near-null direction, a pair the estimates cannot
    # separate (the last two found from the estimates even where rounding keeps the matrix invertible)
    out["non_identifiable"] = bool(weak)
    out["singular"] = out["numerically_singular"] or out["non_identifiable"]
    return out


def _members(v: np.ndarray, idx: np.ndarray) -> list[tuple[int, list[int]]]:
    """The parameters that make up a weak direction; one spread thinly over many parameters is named by its
    three largest components."""
    a = np.abs(v)
    strong = np.flatnonzero(a >= LOADING)
    members = [int(idx[i]) for i in (strong if len(strong) else np.argsort(a)[-3:])]
    return [(i, members) for i in members]


def _scale(z: np.ndarray, diag: np.ndarray) -> np.ndarray:
    """Each parameter's own magnitude, at least its conditional standard error 1/sqrt(I_ii): an estimate
    near zero that the data pin down well is not a weak direction merely because it is small."""
    a = np.abs(np.asarray(z, dtype=float))
    cond_se = np.where(diag > 0, 1.0 / np.sqrt(np.where(diag > 0, diag, 1.0)), 0.0)
    m = np.maximum(a, cond_se)
    return np.where(m > 0, m, 1.0)


def relative_se(se: dict[str, float], z: np.ndarray, names: list[str]) -> dict[str, float]:
    """SE / |z| per parameter (``z`` the magnitudes); infinite for zero with a positive SE."""
    out = {}
    for n, v in zip(names, z, strict=True):
        s = se.get(n)
        if s is None or not math.isfinite(s):
            out[n] = math.inf
        else:
            out[n] = float(s / abs(v)) if v else (math.inf if s > 0 else 0.0)
    return out


def correlations(cov: np.ndarray, names: list[str]) -> tuple[list[list[float]] | None, list[dict[str, Any]]]:
    """The correlation matrix of the estimates and the pairs at |r| >= MLE_CORR_LIMIT, strongest first."""
    v = np.diag(cov)
    if not np.all(v > 0):  # a negative variance: the matrix is not positive definite, correlations undefined
        return None, []
    d = np.sqrt(v)
    if not np.all(d > 0):
        return None, []
    r = cov / np.outer(d, d)
    pairs = [{"a": names[i], "b": names[j], "r": float(r[i, j])} for i in range(len(names))
             for j in range(i + 1, len(names)) if abs(r[i, j]) >= T.MLE_CORR_LIMIT]
    pairs.sort(key=lambda p: -abs(p["r"]))
    # the full matrix is kept for small fits only: 113 parameters would be 12,769 numbers in every record
    return ([[float(x) for x in row] for row in r] if len(names) <= 20 else None), pairs[:20]


def scaled_eigen(H: np.ndarray, mag: np.ndarray, names: list[str]) -> tuple[float, list[dict[str, Any]]]:
    """Eigen-analysis of ``diag(mag) H diag(mag)``: the curvature per relative change of each parameter.

    Returns the condition number and the weak directions (eigenvalue below the largest / MLE_SCALED_COND_LIMIT),
    each with the parameters loading on it and their signs (opposite signs: one compensates the other).
    """
    J = H * np.outer(mag, mag)
    eig, vec = np.linalg.eigh(J)
    top = float(np.max(eig))
    if top <= 0:
        return float("inf"), []
    small = float(np.min(eig))
    cond = top / small if small > 0 else float("inf")
    out = []
    for k in np.flatnonzero(eig < top / T.MLE_SCALED_COND_LIMIT):
        v = vec[:, k]
        members = [i for i, _ in _members(v, np.arange(len(names)))]
        out.append({"eigenvalue": float(eig[k]), "ratio_to_largest": float(eig[k] / top),
                    "parameters": [names[i] for i in members],
                    "loadings": {names[i]: float(v[i]) for i in members}})
    out.sort(key=lambda d: d["eigenvalue"])
    return cond, out[:10]
