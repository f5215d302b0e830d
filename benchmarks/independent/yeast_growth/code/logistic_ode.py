"""Temperature-dependent logistic growth of yeast batch cultures, fitted by maximum likelihood.

dN/dt = r(T) N (1 - N / K),   r(T) = r25 * Q10 ** ((T - 25) / 10),   N(0) = initial biomass.
Observation model: log N_obs ~ Normal(log N(t), sigma^2).
The ODE is integrated numerically for every culture at once (one state per culture).
"""
import numpy as np
from scipy.integrate import solve_ivp

TARGET = "biomass_gL"

PARAMS = [
    {"name": "r25_per_h", "init": 0.2, "lower": 0.01, "upper": 2.0},
    {"name": "Q10", "init": 1.5, "lower": 1.0, "upper": 5.0},
    {"name": "K_gL", "init": 5.0, "lower": 0.5, "upper": 50.0},
    {"name": "sigma_log", "init": 0.3, "lower": 0.01, "upper": 3.0},
]


def _trajectories(theta, data):
    r25, q10, K = theta[0], theta[1], theta[2]
    key = data[["temp_C", "initial_biomass_gL"]].to_numpy(float)
    cultures, which = np.unique(key, axis=0, return_inverse=True)
    rate = r25 * q10 ** ((cultures[:, 0] - 25.0) / 10.0)
    t = data["time_h"].to_numpy(float)
    grid = np.unique(np.concatenate([[0.0], t]))
    sol = solve_ivp(lambda _, n: rate * n * (1.0 - n / K), (0.0, grid[-1]), cultures[:, 1],
                    t_eval=grid, method="LSODA", rtol=1e-8, atol=1e-10)
    return sol.y[np.ravel(which), np.searchsorted(grid, t)]


def negative_log_likelihood(theta, data_train):
    sigma = theta[3]
    mu = np.log(np.maximum(_trajectories(theta, data_train), 1e-12))
    r = np.log(data_train[TARGET].to_numpy(float)) - mu
    return float(0.5 * np.sum((r / sigma) ** 2) + len(r) * np.log(sigma))


def predict(theta, data):
    return _trajectories(theta, data)
