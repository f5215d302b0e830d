"""Faults in maximum-likelihood fits: non-identifiable parameters, scale gaps, bounds, log of non-positives.

Example:
    >>> from faults.programs import base
    >>> p = base("mle_poisson", "counts_synthetic", seed=1)
    >>> PRODUCT_NONIDENT.inject(p, None); "theta[0] * np.exp(theta[1]" in p.code
    True
"""

from __future__ import annotations

import numpy as np

from ..programs import Program
from .base import Mutation

RATE = "    return np.exp(theta[0] + theta[1] * x1 + theta[2] * x2)"
PARAMS_OPEN = "PARAMS = [\n"
PARAMS_CLOSE = '    {"name": "b_x2", "init": 0.0},\n]'


def _product(p: Program, rng: object) -> None:
    p.replace(PARAMS_OPEN, PARAMS_OPEN + '    {"name": "scale", "init": 1.0, "lower": 1e-6},\n')
    p.replace(RATE, "    return theta[0] * np.exp(theta[1] + theta[2] * x1 + theta[3] * x2)")


def _sum(p: Program, rng: object) -> None:
    p.replace(PARAMS_CLOSE, '    {"name": "b_x2", "init": 0.0},\n    {"name": "site_effect", "init": 0.0},\n]')
    p.replace(RATE, "    return np.exp(theta[0] + theta[3] + theta[1] * x1 + theta[2] * x2)")


def _collinear(p: Program, rng: object) -> None:
    # the same covariate recorded twice, in two units (kg and lb)
    for frame in (p.train, p.val):
        frame.insert(1, "x1_lb", (frame["x1"] * 2.20462).round(6))
    p.replace(PARAMS_CLOSE, '    {"name": "b_x2", "init": 0.0},\n    {"name": "b_x1_lb", "init": 0.0},\n]')
    p.replace(RATE, '    return np.exp(theta[0] + theta[1] * x1 + theta[2] * x2 '
                    '+ theta[3] * data["x1_lb"].to_numpy(dtype=float))')


def _flat(p: Program, rng: object) -> None:
    # an indicator that is never on in these data: its coefficient leaves the likelihood flat
    for frame in (p.train, p.val):
        frame.insert(2, "holiday", 0.0)
    p.replace(PARAMS_CLOSE, '    {"name": "b_x2", "init": 0.0},\n    {"name": "b_holiday", "init": 0.0},\n]')
    p.replace(RATE, '    return np.exp(theta[0] + theta[1] * x1 + theta[2] * x2 '
                    '+ theta[3] * data["holiday"].to_numpy(dtype=float))')


def _identity_link(p: Program, rng: object) -> None:
    p.replace(RATE, "    return theta[0] + theta[1] * x1 + theta[2] * x2")


def _scale_gap(p: Program, rng: object) -> None:
    p.replace('    {"name": "rate_per_10k", "init": 1.0, "lower": 0.0},',
              '    {"name": "rate", "init": 0.0001, "lower": 0.0},')
    p.replace("    return theta[0] + theta[1] * dose / 1e4", "    return theta[0] + theta[1] * dose")


def _tight_bound(p: Program, rng: np.random.Generator) -> None:
    p.replace('"upper": 2.0}', '"upper": 0.05}')


def _sum_growth(p: Program, rng: object) -> None:
    p.replace('    {"name": "midpoint", "init": 20.0},\n',
              '    {"name": "midpoint", "init": 20.0},\n    {"name": "reporting_delay", "init": 0.0},\n')
    p.replace("    return theta[0] / (1 + np.exp(-theta[1] * (t - theta[2])))",
              "    return theta[0] / (1 + np.exp(-theta[1] * (t - theta[2] - theta[3])))")


SING = ("singular_matrix",)
NONID = ("non_identifiable",)
POISSON = ("mle_poisson",)
PRODUCT_NONIDENT = Mutation(
    name="product_nonidentifiable", family="mle", bases=POISSON, mutate=_product, effect="singular",
    symptoms=SING, causes=NONID, repairable=True,
    description="scale * exp(b0 + ...): scale and b0 can only be told apart through their product")
SUM_NONIDENT = Mutation(
    name="sum_nonidentifiable", family="mle", bases=POISSON, mutate=_sum, effect="singular", symptoms=SING,
    causes=NONID, repairable=True, description="b0 + site_effect only ever appear together")
SUM_NONIDENT_GROWTH = Mutation(
    name="sum_nonidentifiable_growth", family="mle", bases=("mle_growth",), mutate=_sum_growth, effect="singular",
    symptoms=SING, causes=NONID, repairable=True, description="midpoint + reporting_delay only appear as a sum")
COLLINEAR = Mutation(
    name="collinear_covariates", family="mle", bases=POISSON, mutate=_collinear, effect="singular", symptoms=SING,
    causes=NONID, repairable=True, description="the same covariate in two units, each with its own coefficient")
FLAT = Mutation(
    name="flat_likelihood", family="mle", bases=POISSON, mutate=_flat, effect="singular", symptoms=SING,
    causes=NONID, repairable=True, description="a coefficient on an indicator that is zero on every row")
LOG_NONPOSITIVE = Mutation(
    name="log_nonpositive", family="mle", bases=POISSON, mutate=_identity_link, effect="nonfinite",
    symptoms=("nan_loss", "training_error", "invalid_data"),
    causes=("numerical_overflow", "invalid_data", "code_error", "bad_initialization"), repairable=False,
    description="identity link: the Poisson rate b0 + b1*x1 + b2*x2 is <= 0 on rows, log() of it is not finite")
SCALE_GAP = Mutation(
    name="parameter_scale_gap", family="mle", bases=("mle_dose",), mutate=_scale_gap, effect="worse",
    symptoms=("slow_convergence", "underfitting", "singular_matrix", "surprising_optimum"),
    causes=("parameter_scaling",), repairable=True,
    description="a rate ~1e-4 per unit dose next to a background ~10, both fitted on their raw scales")
BOUND_HIT = Mutation(
    name="bound_hit", family="mle", bases=("mle_growth",), mutate=_tight_bound, effect="bound",
    symptoms=("underfitting", "surprising_optimum", "singular_matrix"), causes=("code_error",), repairable=False,
    description="growth_rate's upper bound 0.05 lies below the true rate (0.15..0.3): the fit ends on the bound")

OPERATORS = [PRODUCT_NONIDENT, SUM_NONIDENT, SUM_NONIDENT_GROWTH, COLLINEAR, FLAT, LOG_NONPOSITIVE, SCALE_GAP,
             BOUND_HIT]
