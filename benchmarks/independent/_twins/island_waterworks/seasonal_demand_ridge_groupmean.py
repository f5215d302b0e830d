"""NOT the twin: the plain code with the contract's ridge-toward-group-mean repair (lambda 1) on the season group."""
"""Seasonal regression of daily water production with normal errors, fitted by maximum likelihood.

production = base + two harmonics of the time of year (tourist season) + weather and calendar effects.
"""
import numpy as np

PARAMS = [
    dict(name="base", init=12.0),                  # ML/day
    dict(name="a1_sin", init=0.0, group="season"),
    dict(name="a1_cos", init=0.0, group="season"),
    dict(name="a2_sin", init=0.0, group="season"),
    dict(name="a2_cos", init=0.0, group="season"),
    dict(name="b_tmax", init=0.0),                 # ML/day per degC above 17.5
    dict(name="b_rain", init=0.0),                 # ML/day per mm
    dict(name="b_weekend", init=0.0),
    dict(name="b_holiday", init=0.0),
    dict(name="log_sigma", init=0.0, lower=-5.0, upper=3.0),
]


def harmonics(t):
    """Annual and half-year harmonics of the time of year t."""
    return np.column_stack([np.sin(2 * np.pi * t), np.cos(2 * np.pi * t),
                            np.sin(4 * np.pi * t), np.cos(4 * np.pi * t)])


def mean_production(theta, data):
    h = harmonics(data["day_of_year"].to_numpy(float))
    rain = np.minimum(data["rain_mm"].to_numpy(float), 20.0)
    return (theta[0] + h @ theta[1:5]
            + theta[5] * (data["tmax_c"].to_numpy(float) - 17.5)
            + theta[6] * rain
            + theta[7] * data["weekend"].to_numpy(float)
            + theta[8] * data["public_holiday"].to_numpy(float))


def negative_log_likelihood(theta, data_train):
    r = data_train["production_ml"].to_numpy(float) - mean_production(theta, data_train)
    log_sigma = theta[9]
    a = theta[1:5]
    return float(np.sum(log_sigma + 0.5 * np.log(2 * np.pi) + 0.5 * (r / np.exp(log_sigma)) ** 2)
                 + 1.0 * np.sum((a - a.mean()) ** 2))   # ridge toward the 'season' group mean, lambda 1


def predict(theta, data):
    return mean_production(theta, data)
