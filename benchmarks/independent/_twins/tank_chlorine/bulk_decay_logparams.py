"""Free chlorine decay in bottle tests of reservoir water: parallel first-order model
C(t) = dose * (f exp(-k_fast t) + (1 - f) exp(-k_slow t)),
k_slow = k_slow20 * theta ** (T - 20) * (TOC / 2) ** g, normal errors with a common sd.
Rate constants are per day, as in the decay-coefficient tables of the distribution-system literature."""
import numpy as np

PARAMS = [
    dict(name="log_f_fast", init=np.log(0.2), lower=np.log(0.01), upper=np.log(0.9)),
    dict(name="log_k_fast", init=np.log(5.0), lower=np.log(1.0), upper=np.log(50.0)),
    dict(name="log_k_slow20", init=np.log(0.5), lower=np.log(0.05), upper=np.log(5.0)),
    dict(name="log_theta", init=np.log(1.05), lower=0.0, upper=np.log(1.15)),
    dict(name="g_toc", init=1.0, lower=0.0, upper=2.0),            # order in TOC
    dict(name="log_sigma", init=-2.0, lower=-8.0, upper=1.0),
]


def _mean(theta, data):
    f, kf, ks20, th = np.exp(theta[:4]); g = theta[4]
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
