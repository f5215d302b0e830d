import numpy as np

# logistic regression of blade icing (1 = ice on the blades in the operator's inspection log) per hour
PARAMS = [
    {"name": "intercept", "init": 0.0, "lower": -20.0, "upper": 20.0},
    {"name": "b_temp", "init": 0.0, "lower": -20.0, "upper": 20.0},
    {"name": "b_humidity", "init": 0.0, "lower": -20.0, "upper": 20.0},
    {"name": "b_wind", "init": 0.0, "lower": -20.0, "upper": 20.0},
    {"name": "b_detector", "init": 0.0, "lower": -20.0, "upper": 20.0},
]


def _eta(theta, data):
    b0, bt, bh, bw, bd = theta
    return (b0 + bt * data["air_temp_C"].to_numpy() + bh * (data["rel_humidity_pct"].to_numpy() - 90)
            + bw * data["wind_speed_m_s"].to_numpy() + bd * data["ice_detector_alarm"].to_numpy())


def predict(theta, data):
    # probability that the blades are iced in that hour
    return 1.0 / (1.0 + np.exp(-_eta(theta, data)))


def negative_log_likelihood(theta, data_train):
    eta = _eta(theta, data_train)
    y = data_train["iced"].to_numpy()
    # ridge shrinkage of the slopes toward their group mean (lambda 1), as a re-parameterising repair would add
    b = np.asarray(theta[1:])
    return float(np.sum(np.logaddexp(0.0, eta) - y * eta) + 0.5 * 1.0 * np.sum((b - b.mean()) ** 2))
