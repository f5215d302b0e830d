"""von Bertalanffy growth of lake trout, length-at-age from otoliths, pooled over eight lakes.

L(age) = Linf * (1 - exp(-K * (age - t0))), with log Linf and log K linear in sex and lake temperature,
fitted to log length (multiplicative error) by scipy.optimize.least_squares; one history row per iteration.
"""
from types import SimpleNamespace

import numpy as np
from scipy.optimize import least_squares

NAMES = ["log_linf", "linf_male", "linf_temp", "log_k", "k_temp", "t0"]


def _columns(X):
    if hasattr(X, "columns"):
        return X["age_years"].to_numpy(float), X["male"].to_numpy(float), X["lake_temp_c"].to_numpy(float)
    X = np.asarray(X, float)
    return X[:, 0], X[:, 1], X[:, 2]


def vb_length(p, age, male, temp):
    log_linf = p[0] + p[1] * male + p[2] * (temp - 9.0)
    k = np.exp(p[3] + p[4] * (temp - 9.0))
    return np.exp(log_linf) * (1.0 - np.exp(-k * (age - p[5])))


class GrowthModel:
    def __init__(self, p):
        self.p = np.asarray(p, float)
        self.params = dict(zip(NAMES, self.p))

    def predict(self, X):
        return vb_length(self.p, *_columns(X))


def train_model(data_train, data_val, config):
    age, male, temp = _columns(data_train)
    y = data_train["total_length_mm"].to_numpy(float)
    agev, malev, tempv = _columns(data_val)
    yv = data_val["total_length_mm"].to_numpy(float)
    history = []

    def residuals(p):
        L = np.maximum(vb_length(p, age, male, temp), 1e-6)
        return np.log(y) - np.log(L)

    def record(intermediate_result):
        p = intermediate_result.x
        pv = np.maximum(vb_length(p, agev, malev, tempv), 1e-6)
        history.append(dict(epoch=len(history),
                            train_loss=2.0 * float(intermediate_result.cost) / len(y),
                            val_loss=float(np.mean((np.log(yv) - np.log(pv)) ** 2)),
                            metric=float(np.sqrt(np.mean((yv - pv) ** 2)))))

    p0 = np.array([np.log(config["linf_init_mm"]), 0.0, 0.0, np.log(config["k_init"]), 0.0, 0.0])
    record(SimpleNamespace(x=p0, cost=0.5 * float(np.sum(residuals(p0) ** 2))))   # starting curve as epoch 0
    fit = least_squares(residuals, p0, method="trf", max_nfev=config["max_nfev"], callback=record)
    print(f"least_squares: {fit.message} ({fit.nfev} evaluations), cost {fit.cost:.4f}")
    print(dict(zip(NAMES, np.round(fit.x, 4).tolist())))
    return GrowthModel(fit.x), history
