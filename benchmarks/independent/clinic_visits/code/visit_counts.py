"""Daily respiratory visits to a walk-in clinic, Poisson regression fitted by maximum likelihood.

log E[visits] = b0 + b_tc * temp_C + b_tf * temp_F + b_flu * flu_index + b_we * weekend
"""
import numpy as np
from scipy.special import gammaln

TARGET = "visits"

PARAMS = [
    {"name": "intercept", "init": 2.5, "lower": -10.0, "upper": 10.0},
    {"name": "b_temp_C", "init": 0.0, "lower": -1.0, "upper": 1.0},
    {"name": "b_temp_F", "init": 0.0, "lower": -1.0, "upper": 1.0},
    {"name": "b_flu", "init": 0.0, "lower": -3.0, "upper": 3.0},
    {"name": "b_weekend", "init": 0.0, "lower": -3.0, "upper": 3.0},
]


def _log_mu(theta, data):
    b0, btc, btf, bflu, bwe = theta
    return (b0 + btc * data["temp_C"].to_numpy(float) + btf * data["temp_F"].to_numpy(float)
            + bflu * data["flu_index"].to_numpy(float) + bwe * data["weekend"].to_numpy(float))


def negative_log_likelihood(theta, data_train):
    eta = _log_mu(theta, data_train)
    y = data_train[TARGET].to_numpy(float)
    return float(np.sum(np.exp(eta) - y * eta + gammaln(y + 1)))


def predict(theta, data):
    return np.exp(_log_mu(theta, data))
