import numpy as np
from scipy.special import expit

# two-breed mixture for milk fat %: the breed is not recorded, so each cow's fat % comes from a
# Holstein-like or a Jersey-like normal component; the chance of the Jersey component depends on daily yield
PARAMS = [
    {"name": "a_jersey", "init": 0.0},
    {"name": "c_yield", "init": 0.0},
    {"name": "mu_holstein", "init": 3.7},
    {"name": "mu_jersey", "init": 4.9},
    {"name": "sigma_holstein", "init": 0.3, "lower": 0.0},
    {"name": "sigma_jersey", "init": 0.3, "lower": 0.0},
]


def _p_jersey(theta, data):
    x = (data["milk_kg_day"].to_numpy() - 25.0) / 10.0
    return expit(theta[0] + theta[1] * x)


def predict(theta, data):
    p = _p_jersey(theta, data)
    return (1 - p) * theta[2] + p * theta[3]


def negative_log_likelihood(theta, data_train):
    _, _, mu_h, mu_j, s_h, s_j = theta
    y = data_train["fat_pct"].to_numpy()
    p = _p_jersey(theta, data_train)
    log_h = np.log1p(-p + 1e-300) - np.log(s_h) - 0.5 * np.log(2 * np.pi) - 0.5 * ((y - mu_h) / s_h) ** 2
    log_j = np.log(p + 1e-300) - np.log(s_j) - 0.5 * np.log(2 * np.pi) - 0.5 * ((y - mu_j) / s_j) ** 2
    return -np.sum(np.logaddexp(log_h, log_j))
