"""Germination of stored seed lots: binomial likelihood of the seeds that germinate in each test dish."""
import numpy as np

PARAMS = [
    dict(name="b0", init=-0.5),                 # centre: 12 months in store, 10 % moisture, unprimed, 20 degC
    dict(name="b_storage", init=0.0),           # per month in store
    dict(name="b_moisture", init=0.0),          # per % seed moisture
    dict(name="b_primed", init=0.0),
    dict(name="b_temp_offset", init=0.0),       # per degC away from the 20 degC standard
]


def _germ_prob(theta, df):
    b0, b_st, b_mo, b_pr, b_te = theta
    eta = (b0 + b_st * (df["storage_months"].to_numpy() - 12) + b_mo * (df["seed_moisture_pct"].to_numpy() - 10)
           + b_pr * df["primed"].to_numpy() + b_te * np.abs(df["test_temp_C"].to_numpy() - 20))
    return 1.0 / (1.0 + np.exp(-eta))


def negative_log_likelihood(theta, data_train):
    p = np.clip(_germ_prob(theta, data_train), 1e-12, 1 - 1e-12)
    k = data_train["germinated"].to_numpy()
    n = data_train["n_seeds"].to_numpy()
    return float(-np.sum(k * np.log(p) + (n - k) * np.log1p(-p)))


def predict(theta, data):
    return data["n_seeds"].to_numpy() * _germ_prob(theta, data)
