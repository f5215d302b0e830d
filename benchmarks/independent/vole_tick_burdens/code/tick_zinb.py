"""Zero-inflated negative-binomial model of tick burdens on voles.

P(structural zero) = expit(z0 + z_wood * woodland)       (voles that never meet questing ticks)
mean burden of exposed voles mu = exp(b0 + b_rh (rh - 75) + b_mass (mass - 24) + b_deer (deer - 8))
NB size r = exp(log_r); predict returns the expected count (1 - pi) * mu.
"""
import numpy as np
from scipy.special import gammaln, expit

PARAMS = [
    dict(name="z0", init=0.0, lower=-8.0, upper=8.0),
    dict(name="z_wood", init=0.0, lower=-8.0, upper=8.0),
    dict(name="b0", init=1.0),
    dict(name="b_rh", init=0.0, lower=-1.0, upper=1.0),
    dict(name="b_mass", init=0.0, lower=-1.0, upper=1.0),
    dict(name="b_deer", init=0.0, lower=-1.0, upper=1.0),
    dict(name="log_r", init=0.0, lower=-5.0, upper=6.0),
]


def _parts(theta, data):
    pi = expit(theta[0] + theta[1] * data["woodland"].to_numpy())
    eta = (theta[2] + theta[3] * (data["ground_rh_pct"].to_numpy() - 75.0)
           + theta[4] * (data["vole_mass_g"].to_numpy() - 24.0) + theta[5] * (data["deer_per_km2"].to_numpy() - 8.0))
    return pi, np.exp(eta)


def negative_log_likelihood(theta, data_train):
    pi, mu = _parts(theta, data_train)
    r = np.exp(theta[6])
    y = data_train["ticks"].to_numpy()
    log_nb = (gammaln(y + r) - gammaln(r) - gammaln(y + 1) + r * np.log(r / (r + mu)) + y * np.log(mu / (r + mu)))
    ll = np.where(y == 0, np.logaddexp(np.log(pi), np.log1p(-pi) + log_nb), np.log1p(-pi) + log_nb)
    return float(-np.sum(ll))


def predict(theta, data):
    pi, mu = _parts(theta, data)
    return (1.0 - pi) * mu
