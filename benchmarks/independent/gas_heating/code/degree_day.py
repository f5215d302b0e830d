"""Heating-degree-day model of a school's daily gas use, fitted by maximum likelihood.

gas = base + weekend_shift * weekend + slope * HDD(T; T_balance) + N(0, sigma^2)
with a smooth degree-day kernel HDD = w * log(1 + exp((T_balance - T) / w)), w = 1.5 K.
"""
import numpy as np

TARGET = "gas_kWh"
SMOOTH_K = 1.5

PARAMS = [
    {"name": "base_kWh", "init": 30.0, "lower": 0.0, "upper": 500.0},
    {"name": "weekend_shift_kWh", "init": 0.0, "lower": -200.0, "upper": 200.0},
    {"name": "slope_kWh_per_K", "init": 3.0, "lower": 0.0, "upper": 50.0},
    {"name": "T_balance_C", "init": 15.0, "lower": 5.0, "upper": 25.0},
    {"name": "sigma_kWh", "init": 10.0, "lower": 0.1, "upper": 200.0},
]


def _mean(theta, data):
    base, wk, slope, tb, _ = theta
    t = data["outdoor_temp_C"].to_numpy(float)
    hdd = SMOOTH_K * np.logaddexp(0.0, (tb - t) / SMOOTH_K)
    return base + wk * data["weekend"].to_numpy(float) + slope * hdd


def negative_log_likelihood(theta, data_train):
    sigma = theta[4]
    r = data_train[TARGET].to_numpy(float) - _mean(theta, data_train)
    return float(0.5 * np.sum((r / sigma) ** 2) + len(r) * np.log(sigma) + 0.5 * len(r) * np.log(2 * np.pi))


def predict(theta, data):
    return _mean(theta, data)
