"""Log-logistic accelerated-life model of carbide insert life in longitudinal turning.

log(life) = b0 + b_speed*log(v/220) + b_feed*log(f/0.2) + b_depth*log(ap/1.5) + b_coolant*coolant + s*logistic noise
(a Taylor-type tool-life law with a log-logistic scatter). Predicts the mean insert life in minutes of cutting.
"""
import numpy as np

PARAMS = [
    {"name": "b0", "init": 3.4},                                  # log life (min) at 220 m/min, 0.2 mm/rev, 1.5 mm, dry
    {"name": "b_speed", "init": 0.0},                             # Taylor exponent on cutting speed
    {"name": "b_feed", "init": 0.0},
    {"name": "b_depth", "init": 0.0},
    {"name": "b_coolant", "init": 0.0},
    {"name": "s", "init": 0.5, "lower": 0.02, "upper": 0.95},   # log-logistic scale
]


def log_median_life(theta, data):
    b0, b_speed, b_feed, b_depth, b_coolant = theta[:5]
    return (b0 + b_speed * np.log(data["cutting_speed_m_min"].to_numpy() / 220.0)
            + b_feed * np.log(data["feed_mm_rev"].to_numpy() / 0.2)
            + b_depth * np.log(data["depth_of_cut_mm"].to_numpy() / 1.5)
            + b_coolant * data["flood_coolant"].to_numpy())


def negative_log_likelihood(theta, data_train):
    mu = log_median_life(theta, data_train)
    s = theta[5]
    t = data_train["cutting_time_min"].to_numpy()
    worn = data_train["worn_out"].to_numpy() == 1
    z = (np.log(t) - mu) / s
    log_f = -np.log(s) - np.log(t) + z - 2.0 * np.logaddexp(0.0, z)   # insert worn out at t
    log_S = -np.logaddexp(0.0, z)                                     # insert still cutting at t (indexed early)
    return float(-np.sum(np.where(worn, log_f, log_S)))


def predict(theta, data):
    s = theta[5]
    return np.exp(log_median_life(theta, data)) * (np.pi * s) / np.sin(np.pi * s)
