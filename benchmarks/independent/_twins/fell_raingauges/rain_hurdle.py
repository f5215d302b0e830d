"""Two-part (hurdle) model of daily gauge rainfall: a logistic model for whether the day is wet (>= 0.2 mm),
and a gamma model with log link for the amount on wet days. Covariates are centred/scaled to typical values."""
import numpy as np
from scipy.special import gammaln, expit

PARAMS = [
    dict(name="a0", init=0.0, lower=-10.0, upper=10.0),
    dict(name="a_rh", init=0.0, lower=-10.0, upper=10.0),
    dict(name="a_ptend", init=0.0, lower=-10.0, upper=10.0),
    dict(name="a_wind", init=0.0, lower=-10.0, upper=10.0),
    dict(name="b0", init=1.0),
    dict(name="b_rh", init=0.0, lower=-5.0, upper=5.0),
    dict(name="b_ptend", init=0.0, lower=-5.0, upper=5.0),
    dict(name="b_wind", init=0.0, lower=-5.0, upper=5.0),
    dict(name="b_elev", init=0.0, lower=-5.0, upper=5.0),
    dict(name="log_shape", init=0.0, lower=-4.0, upper=4.0),
]


def _covariates(data):
    zr = (data["rh_pct"].to_numpy() - 80.0) / 10.0
    zp = data["pressure_tend_hpa"].to_numpy() / 5.0
    zw = (data["wind_ms"].to_numpy() - 6.0) / 3.0
    ek = data["elev_m"].to_numpy() / 1000.0
    return zr, zp, zw, ek


def _parts(theta, data):
    zr, zp, zw, ek = _covariates(data)
    p_wet = expit(theta[0] + theta[1] * zr + theta[2] * zp + theta[3] * zw)
    mu = np.exp(theta[4] + theta[5] * zr + theta[6] * zp + theta[7] * zw + theta[8] * ek)
    return p_wet, mu


def negative_log_likelihood(theta, data_train):
    p_wet, mu = _parts(theta, data_train)
    p_wet = np.clip(p_wet, 1e-12, 1 - 1e-12)
    y = data_train["rain_mm"].to_numpy()
    wet = y > 0
    k = np.exp(theta[9])
    # occurrence part
    ll_occ = np.sum(np.log(p_wet[wet])) + np.sum(np.log1p(-p_wet[~wet]))
    # amount part on wet days: gamma with shape k and mean mu
    yw, mw = y[wet], mu[wet]
    ll_amt = np.sum(k * np.log(k / mw) + (k - 1) * np.log(yw) - k * yw / mw - gammaln(k))
    return float(-(ll_occ + ll_amt))


def predict(theta, data):
    p_wet, mu = _parts(theta, data)
    return p_wet * mu
