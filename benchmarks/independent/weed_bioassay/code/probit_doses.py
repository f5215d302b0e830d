import numpy as np
from scipy.stats import norm

# probit dose-response for a whole-plant herbicide bioassay: each seedling in a tray dies with probability
# Phi(eta), eta linear in the applied dose, the population (field vs reference) and the leaf stage at spraying;
# dead plants per tray are binomial
PARAMS = [
    {"name": "b0", "init": -1.0},
    {"name": "b_dose", "init": 1.0},            # per 100 g a.i./ha
    {"name": "b_field", "init": 0.0},
    {"name": "b_leaf", "init": 0.0},            # per leaf above 4
]


def _eta(theta, data):
    b0, b_dose, b_field, b_leaf = theta
    return (b0 + b_dose * data["dose_g_ha"].to_numpy() / 100.0 + b_field * data["field_population"].to_numpy()
            + b_leaf * (data["leaf_stage"].to_numpy() - 4.0))


def predict(theta, data):
    return data["n_plants"].to_numpy() * norm.cdf(_eta(theta, data))


def negative_log_likelihood(theta, data_train):
    eta = _eta(theta, data_train)
    k = data_train["dead_plants"].to_numpy()
    n = data_train["n_plants"].to_numpy()
    return -np.sum(k * norm.logcdf(eta) + (n - k) * norm.logsf(eta))
