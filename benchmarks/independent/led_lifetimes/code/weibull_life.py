"""Accelerated life test of power LEDs: Weibull regression on junction temperature, drive current and humidity.

life ~ Weibull(shape k, scale lambda), log(lambda) = a0 + a_T (Tj - 85)/10 + a_I (I - 0.7) + a_H (RH - 0.5)
Parameters are estimated on the log scale where they must be positive (log_k).
"""
import numpy as np
from scipy.special import gammaln

TARGET = "life_kh"

PARAMS = [
    {"name": "a0_log_kh", "init": 3.5, "lower": -5.0, "upper": 10.0},
    {"name": "a_temp_per_10C", "init": 0.0, "lower": -3.0, "upper": 3.0},
    {"name": "a_current_per_A", "init": 0.0, "lower": -5.0, "upper": 5.0},
    {"name": "a_humidity", "init": 0.0, "lower": -5.0, "upper": 5.0},
    {"name": "log_k", "init": 0.0, "lower": -3.0, "upper": 3.0},
]


def _log_scale(theta, data):
    a0, at, ai, ah, _ = theta
    return (a0 + at * (data["junction_temp_C"].to_numpy(float) - 85.0) / 10.0
            + ai * (data["drive_current_A"].to_numpy(float) - 0.7) + ah * (data["humidity"].to_numpy(float) - 0.5))


def negative_log_likelihood(theta, data_train):
    k = np.exp(theta[4])
    log_lam = _log_scale(theta, data_train)
    t = data_train[TARGET].to_numpy(float)
    z = np.log(t) - log_lam
    return float(-np.sum(np.log(k) - log_lam + (k - 1) * z - np.exp(k * z)))


def predict(theta, data):
    k = np.exp(theta[4])
    return np.exp(_log_scale(theta, data) + gammaln(1.0 + 1.0 / k))
