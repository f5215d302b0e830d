import numpy as np

# allometric biomass model with a Box-Cox transformed response:
#   (AGB**lam - 1) / lam = b0 + b1 ln(DBH) + b2 ln(H) + b3 ln(rho) + e,   e ~ N(0, sigma^2)
# lam = 0 is the usual log-log allometry; lam is estimated with the other parameters
PARAMS = [
    {"name": "lam", "init": 0.5, "lower": -2.0, "upper": 2.0},
    {"name": "b0", "init": 0.0},
    {"name": "b_dbh", "init": 1.0},
    {"name": "b_height", "init": 1.0},
    {"name": "b_density", "init": 1.0},
    {"name": "log_sigma", "init": 0.0, "lower": -12.0, "upper": 5.0},
]


def _boxcox(y, lam):
    return np.log(y) if abs(lam) < 1e-8 else (y ** lam - 1.0) / lam


def _linear(theta, data):
    _, b0, b1, b2, b3, _ = theta
    return (b0 + b1 * np.log(data["dbh_cm"].to_numpy()) + b2 * np.log(data["height_m"].to_numpy())
            + b3 * np.log(data["wood_density_g_cm3"].to_numpy()))


def predict(theta, data):
    lam = theta[0]
    eta = _linear(theta, data)
    if abs(lam) < 1e-8:
        return np.exp(eta)
    return np.power(np.maximum(1.0 + lam * eta, 1e-12), 1.0 / lam)


def negative_log_likelihood(theta, data_train):
    lam, log_sigma = theta[0], theta[-1]
    z = _boxcox(data_train["agb_kg"].to_numpy(), lam)
    r = z - _linear(theta, data_train)
    n = len(r)
    log_jacobian = (lam - 1.0) * np.sum(np.log(data_train["agb_kg"].to_numpy()))
    return n * log_sigma + 0.5 * np.sum(r ** 2) / np.exp(2 * log_sigma) + 0.5 * n * np.log(2 * np.pi) - log_jacobian
