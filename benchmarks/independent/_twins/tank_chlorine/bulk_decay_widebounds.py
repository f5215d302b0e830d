"""Free chlorine decay in bottle tests of reservoir water: parallel first-order model
C(t) = dose * (f exp(-k_fast t) + (1 - f) exp(-k_slow t)),
k_slow = k_slow20 * theta ** (T - 20) * (TOC / 2) ** g, normal errors with a common sd.
Rate constants are per day, as in the decay-coefficient tables of the distribution-system literature."""
import numpy as np

PARAMS = [
    dict(name="f_fast", init=0.2, lower=0.01, upper=0.9),          # share of the dose lost in the fast reaction
    dict(name="k_fast", init=5.0, lower=0.01, upper=50.0),          # 1/day
    dict(name="k_slow20", init=0.5, lower=0.0005, upper=5.0),        # 1/day at 20 degC and TOC 2 mg/L
    dict(name="theta", init=1.05, lower=1.0, upper=1.15),          # temperature coefficient
    dict(name="g_toc", init=1.0, lower=0.0, upper=2.0),            # order in TOC
    dict(name="log_sigma", init=-2.0, lower=-8.0, upper=1.0),
]


def _mean(theta, data):
    f, kf, ks20, th, g = theta[:5]
    t = data["hours_since_dosing"].to_numpy(float)
    ks = ks20 * th ** (data["water_temp_c"].to_numpy(float) - 20.0) * (data["toc_mg_l"].to_numpy(float) / 2.0) ** g
    return data["dose_mg_l"].to_numpy(float) * (f * np.exp(-kf * t) + (1.0 - f) * np.exp(-ks * t))


def negative_log_likelihood(theta, data_train):
    y = data_train["free_chlorine_mg_l"].to_numpy(float)
    mu = _mean(theta, data_train)
    log_sigma = theta[5]
    z = (y - mu) / np.exp(log_sigma)
    return float(np.sum(0.5 * z ** 2 + log_sigma + 0.5 * np.log(2 * np.pi)))


def predict(theta, data):
    return _mean(np.asarray(theta, float), data)
