"""Beta regression of eelgrass cover per quadrat: logit of the mean cover linear in depth, log turbidity, mud content
and distance to the river mouth (capped at 12 km, beyond which the plume no longer reaches); precision phi."""
import numpy as np
from scipy.special import gammaln, expit

PARAMS = [
    dict(name="b0", init=0.0),
    dict(name="b_depth", init=0.0, lower=-5.0, upper=5.0),
    dict(name="b_turb", init=0.0, lower=-5.0, upper=5.0),
    dict(name="b_mud", init=0.0, lower=-10.0, upper=10.0),
    dict(name="b_river", init=0.0, lower=-2.0, upper=2.0),
    dict(name="log_phi", init=1.0, lower=-3.0, upper=8.0),
]


def _mean(theta, data):
    b0, b_depth, b_turb, b_mud, b_river = theta[:5]
    eta = (b0 + b_depth * data["depth_m"].to_numpy() + b_turb * np.log(data["turbidity_ntu"].to_numpy() / 4.0)
           + b_mud * data["mud_frac"].to_numpy() + b_river * np.minimum(data["dist_river_km"].to_numpy(), 12.0))
    return expit(eta)


def negative_log_likelihood(theta, data_train):
    mu = np.clip(_mean(theta, data_train), 1e-9, 1 - 1e-9)
    phi = np.exp(theta[5])
    y = data_train["cover_frac"].to_numpy()
    a, b = mu * phi, (1 - mu) * phi
    ll = gammaln(phi) - gammaln(a) - gammaln(b) + (a - 1) * np.log(y) + (b - 1) * np.log1p(-y)
    return float(-np.sum(ll))


def predict(theta, data):
    return _mean(theta, data)
