"""One-compartment oral-absorption pharmacokinetic model, fitted by maximum likelihood.

C(t) = F * Dose / V * ka / (ka - ke) * (exp(-ke t) - exp(-ka t)),
log-normal residual error: log C_obs ~ N(log C(t), sigma^2).
F   bioavailability (fraction of the dose reaching circulation)
V   volume of distribution (L)
ka  absorption rate constant (1/h), ke elimination rate constant (1/h)
"""
import numpy as np

TARGET = "conc_mg_L"

PARAMS = [
    {"name": "F", "init": 0.8, "lower": 0.05, "upper": 1.0},
    {"name": "V_L", "init": 50.0, "lower": 1.0, "upper": 500.0},
    {"name": "ka_per_h", "init": 1.0, "lower": 0.3, "upper": 10.0},
    {"name": "ke_per_h", "init": 0.1, "lower": 0.005, "upper": 0.29},
    {"name": "sigma_log", "init": 0.3, "lower": 0.01, "upper": 3.0},
]


def _conc(theta, data):
    F, V, ka, ke, _ = theta
    t = data["time_h"].to_numpy(float)
    dose = data["dose_mg"].to_numpy(float)
    return F * dose / V * ka / (ka - ke) * (np.exp(-ke * t) - np.exp(-ka * t))


def negative_log_likelihood(theta, data_train):
    sigma = theta[4]
    mu = np.log(np.maximum(_conc(theta, data_train), 1e-12))
    r = np.log(data_train[TARGET].to_numpy(float)) - mu
    return float(0.5 * np.sum((r / sigma) ** 2) + len(r) * np.log(sigma))


def predict(theta, data):
    return _conc(theta, data)
