"""Duration of reactive sewer-main repairs: gamma regression with a log link, crew effects against crew 1."""
import numpy as np
from scipy.special import gammaln

PARAMS = [
    dict(name="b0", init=1.5),                                  # log hours, 300 mm main at 2.5 m, day, no closure, crew 1
    dict(name="b_diameter", init=0.0, lower=-2, upper=2),       # per 100 mm of pipe diameter
    dict(name="b_depth", init=0.0, lower=-2, upper=2),          # per m of depth
    dict(name="b_night", init=0.0, lower=-2, upper=2),
    dict(name="b_closure", init=0.0, lower=-2, upper=2),
    dict(name="crew_2", init=0.0, lower=-2, upper=2, group="crew"),
    dict(name="crew_3", init=0.0, lower=-2, upper=2, group="crew"),
    dict(name="crew_4", init=0.0, lower=-2, upper=2, group="crew"),
    dict(name="log_shape", init=0.0, lower=-3, upper=6),        # gamma shape (1 / squared coefficient of variation)
]


def _log_mean(theta, df):
    crew = df["crew"].to_numpy().astype(int)
    return (theta[0] + theta[1] * (df["pipe_diameter_mm"].to_numpy() - 300) / 100
            + theta[2] * (df["depth_m"].to_numpy() - 2.5) + theta[3] * df["night_job"].to_numpy()
            + theta[4] * df["road_closure"].to_numpy()
            + theta[5] * (crew == 2) + theta[6] * (crew == 3) + theta[7] * (crew == 4))


def negative_log_likelihood(theta, data_train):
    eta = _log_mean(theta, data_train)
    a = np.exp(theta[8])
    y = data_train["repair_hours"].to_numpy()
    ll = a * np.log(a) - a * eta + (a - 1) * np.log(y) - a * y * np.exp(-eta) - gammaln(a)
    return float(-np.sum(ll))


def predict(theta, data):
    return np.exp(_log_mean(theta, data))
