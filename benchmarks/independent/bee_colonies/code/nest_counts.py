import numpy as np
from scipy.special import gammaln, expit

# zero-inflated Poisson: a cell has no usable nest site with probability pi (logit-linear in forest cover);
# otherwise colonies ~ Poisson(lambda), log-linear in cavity trees, flowering area and distance to apiaries
PARAMS = [
    {"name": "zi_intercept", "init": 0.0, "lower": -10.0, "upper": 10.0},
    {"name": "zi_forest", "init": 0.0, "lower": -5.0, "upper": 5.0},
    {"name": "b0", "init": 0.0},
    {"name": "b_trees", "init": 0.0},
    {"name": "b_flower", "init": 0.0},
    {"name": "b_apiary", "init": 0.0},
]


def _parts(theta, data):
    g0, g1, b0, bt, bf, ba = theta
    pi = expit(g0 + g1 * (data["forest_cover_pct"].to_numpy() - 40.0) / 20.0)
    lam = np.exp(b0 + bt * data["cavity_trees_per_ha"].to_numpy() + bf * data["flowering_area_ha"].to_numpy() / 10.0
                 + ba * data["apiary_distance_km"].to_numpy() / 5.0)
    return pi, lam


def predict(theta, data):
    pi, lam = _parts(theta, data)
    return (1 - pi) * lam


def negative_log_likelihood(theta, data_train):
    pi, lam = _parts(theta, data_train)
    y = data_train["colonies"].to_numpy()
    ll_zero = np.log(pi + (1 - pi) * np.exp(-lam))
    ll_pos = np.log1p(-pi) - lam + y * np.log(lam) - gammaln(y + 1)
    return -np.sum(np.where(y == 0, ll_zero, ll_pos))
