"""Richards regrowth curve of pasture cover after grazing.

dW/dt = (k / nu) W (1 - (W / K)^nu), W(0) = measured residual cover, solved in closed form:
W(t) = K / (1 + ((K / W0)^nu - 1) exp(-k t))^(1/nu)
K = K0 + K_n * N / 100 (t DM/ha), k = exp(log_k0 + k_temp * (temp - 12)) per day.
"""
import time
import numpy as np
import pandas as pd
from scipy.optimize import minimize

TARGET = "cover_kg_ha"
FEATURES = ["residual_kg_ha", "n_applied_kg_ha", "mean_temp_c", "days_since_grazing"]
NAMES = ["K0", "K_n", "log_k0", "k_temp", "log_nu"]


def cover(theta, df):
    K0, Kn, log_k0, k_temp, log_nu = theta
    w0 = df["residual_kg_ha"].to_numpy(float) / 1000.0
    K = K0 + Kn * df["n_applied_kg_ha"].to_numpy(float) / 100.0
    k = np.exp(log_k0 + k_temp * (df["mean_temp_c"].to_numpy(float) - 12.0))
    nu = np.exp(log_nu)
    t = df["days_since_grazing"].to_numpy(float)
    return 1000.0 * K / (1.0 + ((K / w0) ** nu - 1.0) * np.exp(-k * t)) ** (1.0 / nu)


class CoverModel:
    def __init__(self, theta):
        self.theta = np.asarray(theta, float)

    def predict(self, X):
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(np.asarray(X, float), columns=FEATURES)
        return cover(self.theta, X)


def train_model(data_train, data_val, config):
    y_tr = data_train[TARGET].to_numpy(float) / 1000.0
    y_va = data_val[TARGET].to_numpy(float) / 1000.0

    def mse(theta, df, y):
        return float(np.mean((cover(theta, df) / 1000.0 - y) ** 2))

    theta0 = np.array([config["K0_init"], 0.5, np.log(config["rate_init"]), 0.0, 0.0])
    bounds = [(2.5, 10.0), (-2.0, 5.0), (np.log(0.005), np.log(1.0)), (-0.5, 0.5), (np.log(0.05), np.log(5.0))]
    history = []
    t0 = time.time()

    def callback(xk, *args):
        va = mse(xk, data_val, y_va)
        row = dict(epoch=len(history) + 1, train_loss=mse(xk, data_train, y_tr), val_loss=va,
                   metric=1000.0 * np.sqrt(va), time_s=time.time() - t0)
        row.update({n: float(v) for n, v in zip(NAMES, xk)})
        history.append(row)

    res = minimize(mse, theta0, args=(data_train, y_tr), method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": config["epochs"], "ftol": config["tol"]}, callback=callback)
    print(f"L-BFGS-B: {res.message} ({res.nit} iterations)")
    return CoverModel(res.x), history
