import numpy as np
from scipy import stats

# Gamma GLM with log link for the repair cost of a settled own-damage claim (claim severity).
# Covariates are centred at a typical policy so the intercept is the log cost of that policy.
PARAMS = [
    {"name": "b0", "init": 7.8},                 # log EUR for a 45-year-old, 18 kEUR car, 100 kW, rural, new
    {"name": "b_log_value", "init": 0.0},
    {"name": "b_vehicle_age", "init": 0.0},      # per year
    {"name": "b_urban", "init": 0.0},
    {"name": "b_engine", "init": 0.0},           # per 10 kW
    {"name": "b_age", "init": 0.0},              # per 10 years of driver age
    {"name": "b_age_sq", "init": 0.0},
    {"name": "log_shape", "init": 0.0},             # log-transform of the positive shape
]


def _design(data):
    age = (data["driver_age"].to_numpy(float) - 45.0) / 10.0
    return np.column_stack([
        np.ones(len(data)),
        np.log(data["vehicle_value_keur"].to_numpy(float) / 18.0),
        data["vehicle_age_yr"].to_numpy(float),
        data["urban"].to_numpy(float),
        (data["engine_kw"].to_numpy(float) - 100.0) / 10.0,
        age,
        age ** 2,
    ])


def _mean(theta, data):
    return np.exp(_design(data) @ theta[:7])


def predict(theta, data):
    return _mean(theta, data)


def negative_log_likelihood(theta, data_train):
    y = data_train["claim_cost_eur"].to_numpy(float)
    mu = _mean(theta, data_train)
    shape = np.exp(theta[7])
    return -np.sum(stats.gamma.logpdf(y, a=shape, scale=mu))
