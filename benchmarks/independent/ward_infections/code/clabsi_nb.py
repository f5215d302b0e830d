import numpy as np
from scipy.special import gammaln

# negative-binomial regression of central-line-associated bloodstream infections per ward-quarter
# (NHSN-style surveillance extract), log link, dispersion k (variance = mu + mu^2 / k)
PARAMS = [
    {"name": "b0", "init": 0.0},
    {"name": "b_icu", "init": 0.0},
    {"name": "b_hygiene", "init": 0.0},
    {"name": "b_staffing", "init": 0.0},
    {"name": "b_bundle", "init": 0.0},
    {"name": "k", "init": 2.0, "lower": 0.05, "upper": 1000.0},
]


def _mean(theta, data):
    b0, b_icu, b_hyg, b_staff, b_bundle = theta[:5]
    eta = (b0 + b_icu * data["icu"].to_numpy()
           + b_hyg * (data["hand_hygiene_pct"].to_numpy() - 80.0) / 10.0
           + b_staff * (data["patients_per_nurse"].to_numpy() - 4.0)
           + b_bundle * data["insertion_bundle"].to_numpy())
    # expected infections in the ward-quarter
    return np.exp(eta)


def predict(theta, data):
    return _mean(theta, data)


def negative_log_likelihood(theta, data_train):
    k = theta[5]
    mu = _mean(theta, data_train)
    y = data_train["infections"].to_numpy()
    ll = (gammaln(y + k) - gammaln(k) - gammaln(y + 1)
          + k * np.log(k / (k + mu)) + y * np.log(mu / (k + mu)))
    return -np.sum(ll)
