import numpy as np

# sediment rating curve: SSC = exp(b0 + b_q log(Q/6) + b_rise rising + b_dry log(1 + dry days)),
# with a spread that grows with the concentration: sd = s0 * mu**p
PARAMS = [
    {"name": "b0", "init": 4.0},
    {"name": "b_q", "init": 1.0},
    {"name": "b_rise", "init": 0.0},
    {"name": "b_dry", "init": 0.0},
    {"name": "log_s0", "init": 0.0, "lower": -5.0, "upper": 5.0},
    {"name": "log_p", "init": -0.693, "lower": -10.0, "upper": 0.405},
]


def _mean(theta, data):
    b0, bq, br, bd = theta[:4]
    q = data["discharge_m3s"].to_numpy()
    return np.exp(b0 + bq * np.log(q / 6.0) + br * data["rising_limb"].to_numpy()
                  + bd * np.log1p(data["dry_days"].to_numpy()))


def predict(theta, data):
    return _mean(theta, data)


def negative_log_likelihood(theta, data_train):
    mu = _mean(theta, data_train)
    sd = np.exp(theta[4]) * mu ** np.exp(theta[5])
    y = data_train["ssc_mg_l"].to_numpy()
    z = (y - mu) / sd
    return 0.5 * np.sum(z ** 2)
