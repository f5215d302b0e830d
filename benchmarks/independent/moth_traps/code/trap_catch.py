import numpy as np
from scipy.special import gammaln

# negative-binomial regression of nightly trap catches, log link; dispersion r = exp(log_r)
PARAMS = [
    {"name": "intercept", "init": 1.0},
    {"name": "b_temp", "init": 0.0},
    {"name": "b_wind", "init": 0.0},
    {"name": "b_moon", "init": 0.0},
    {"name": "b_orchard", "init": 0.0},
    {"name": "log_r", "init": 0.0, "lower": -5.0, "upper": 5.0},
]


def _mu(theta, data):
    b0, bt, bw, bm, bo = theta[:5]
    eta = (b0 + bt * (data["night_temp_C"].to_numpy() - 15) + bw * data["wind_m_s"].to_numpy()
           + bm * data["moon_illum"].to_numpy() + bo * data["in_orchard"].to_numpy())
    return np.exp(eta)


def predict(theta, data):
    return _mu(theta, data)


def negative_log_likelihood(theta, data_train):
    mu = _mu(theta, data_train)
    r = np.exp(theta[5])
    y = data_train["moths"].to_numpy()
    ll = (gammaln(y + r) - gammaln(r) - gammaln(y + 1)
          + r * np.log(r / (r + mu)) + y * np.log(mu / (r + mu)))
    return -np.sum(ll)
