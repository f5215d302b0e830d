"""Beverton-Holt stock-recruitment fit for North Sea-type herring spawning components.

R = alpha * S / (1 + beta * S) * exp(gamma * SST anomaly + delta * (copepod index - 3)), log-normal errors,
fitted by least squares on log recruits with scipy's L-BFGS-B (alpha, beta kept non-negative); every
iteration is reported to the monitor.
"""
import numpy as np
from scipy.optimize import minimize

FEATURES = ["year", "spawning_stock_t", "sst_anomaly_c", "copepod_index"]


def _columns(X):
    if hasattr(X, "columns"):
        return X["spawning_stock_t"].to_numpy(float), X["sst_anomaly_c"].to_numpy(float), X["copepod_index"].to_numpy(float)
    X = np.asarray(X, float)
    return X[:, 1], X[:, 2], X[:, 3]


def log_recruits(theta, S, sst, cop):
    alpha, beta, gamma, delta = theta
    return np.log(alpha * S / (1.0 + beta * S)) + gamma * sst + delta * (cop - 3.0)


class StockRecruitModel:
    def __init__(self, theta):
        self.theta = np.asarray(theta, float)

    def predict(self, X):
        S, sst, cop = _columns(X)
        return np.exp(log_recruits(self.theta, S, sst, cop))


def train_model(data_train, data_val, config, monitor):
    S, sst, cop = _columns(data_train)
    logR = np.log(data_train["recruits_millions"].to_numpy(float))
    Sv, sstv, copv = _columns(data_val)
    Rv = data_val["recruits_millions"].to_numpy(float)

    def loss(theta):
        return float(np.mean((logR - log_recruits(theta, S, sst, cop)) ** 2))

    def report(intermediate_result):
        theta = intermediate_result.x
        pv = log_recruits(theta, Sv, sstv, copv)
        monitor.log_epoch(train_loss=float(intermediate_result.fun),
                          val_loss=float(np.mean((np.log(Rv) - pv) ** 2)),
                          metric=float(np.sqrt(np.mean((Rv - np.exp(pv)) ** 2))))

    # starting values: about 0.02 million recruits per tonne at low stock, half-saturation near 50,000 t
    x0 = np.array([config["alpha_init"], config["beta_init"], 0.0, 0.0])
    bounds = [(1e-8, None), (0.0, None), (None, None), (None, None)]
    res = minimize(loss, x0, method="L-BFGS-B", bounds=bounds, callback=report, options={"maxiter": config["max_iter"]})
    print(f"L-BFGS-B: {res.message} after {res.nit} iterations, loss {res.fun:.5f}")
    print("alpha, beta, gamma, delta =", res.x)
    return StockRecruitModel(res.x)
