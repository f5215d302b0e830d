"""Weibull regression of mechanical seal life with right censoring (seals still running at the end of the
records), fitted by maximum likelihood with scipy.optimize.minimize.

log(scale) = b0 + b_press * pressure + b_solids * solids + b_speed * rpm,  shape k = exp(log_k)
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gamma as gamma_fn

FEATURES = ["discharge_pressure_pa", "solids_frac", "shaft_speed_rpm"]


def design(df):
    X = df[FEATURES].to_numpy(dtype=float)
    return np.column_stack([np.ones(len(X)), X])


def nll(theta, X, t, failed):
    eta = X @ theta[:-1]
    k = np.exp(theta[-1])
    z = np.log(t) - eta
    # failures contribute the density, censored seals the survivor function
    logf = np.log(k) - np.log(t) + k * z - np.exp(k * z)
    logS = -np.exp(k * z)
    return -np.sum(np.where(failed == 1, logf, logS)) / len(t)


class SealLifeModel:
    def __init__(self, theta):
        self.theta = np.asarray(theta, float)

    def predict(self, X):
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(np.asarray(X, dtype=float)[:, :len(FEATURES)], columns=FEATURES)
        eta = design(X) @ self.theta[:-1]
        k = np.exp(self.theta[-1])
        return np.exp(eta) * gamma_fn(1.0 + 1.0 / k)     # mean life in hours


def train_model(data_train, data_val, config, monitor):
    Xtr, ttr, ftr = design(data_train), data_train["hours_to_failure"].to_numpy(float), data_train["failed"].to_numpy()
    Xva, tva = design(data_val), data_val["hours_to_failure"].to_numpy(float)
    fva = data_val["failed"].to_numpy()
    theta0 = np.zeros(Xtr.shape[1] + 1)
    theta0[0] = np.log(ttr.mean())
    theta0[-1] = np.log(config.get("shape_init", 1.0))

    def callback(th):
        pred = SealLifeModel(th).predict(data_val)
        monitor.log_epoch(train_loss=nll(th, Xtr, ttr, ftr), val_loss=nll(th, Xva, tva, fva),
                          metric=float(np.sqrt(np.mean((pred - tva) ** 2))))

    res = minimize(nll, theta0, args=(Xtr, ttr, ftr), method=config.get("optimizer", "BFGS"), callback=callback,
                   options={"maxiter": int(config.get("epochs", 300)), "gtol": float(config.get("gtol", 1e-5))})
    print(f"optimizer: {res.message} after {res.nit} iterations, nll {res.fun:.4f}")
    print("estimates:", dict(zip(["b0", "b_press", "b_solids", "b_speed", "log_k"], np.round(res.x, 8))))
    return SealLifeModel(res.x)
