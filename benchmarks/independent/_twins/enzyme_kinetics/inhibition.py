import numpy as np

# competitive inhibition: v = Vmax * S / (Km * (1 + I / Ki) + S), normal measurement error
PARAMS = [
    {"name": "Vmax", "init": 10.0, "lower": 0.0},
    {"name": "Km", "init": 5.0, "lower": 0.0},
    {"name": "Ki", "init": 5.0, "lower": 0.0},
    {"name": "sigma", "init": 10.0, "lower": 1e-6},
]


def predict(theta, data):
    vmax, km, ki, _ = theta
    s = data["substrate_uM"].to_numpy()
    i = data["inhibitor_uM"].to_numpy()
    return vmax * s / (km * (1 + i / ki) + s)


def negative_log_likelihood(theta, data_train):
    sigma = theta[3]
    r = data_train["rate_umol_min_mg"].to_numpy() - predict(theta, data_train)
    n = len(r)
    return n * np.log(sigma) + 0.5 * n * np.log(2 * np.pi) + 0.5 * np.sum(r ** 2) / sigma ** 2
