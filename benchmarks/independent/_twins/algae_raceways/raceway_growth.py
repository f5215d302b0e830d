"""Areal biomass of Nannochloropsis batch cultures in open raceway ponds: logistic growth curve.

W(day) = K / (1 + exp(-r (day - t_mid))), ceiling K = K0 + kN (nitrate - 80 mg/L), rate r = r0 + rI (irradiance - 20).
Fitted by full-batch gradient descent on the mean squared error (analytic gradient), one monitor row per epoch.
"""
import numpy as np

NAMES = ["K0", "kN", "r0", "rI", "t_mid"]
SCALE = np.array([100.0, 1.0, 0.1, 0.01, 3.0])   # typical size of each parameter


def _columns(X):
    if hasattr(X, "columns"):
        X = X[["day", "nitrate_mg_l", "irradiance_mj_m2_d"]]
    X = np.asarray(X, float)
    return X[:, 0], X[:, 1] - 80.0, X[:, 2] - 20.0


def logistic(p, day, dn, di):
    K = p[0] + p[1] * dn
    r = p[2] + p[3] * di
    u = 1.0 / (1.0 + np.exp(-r * (day - p[4])))
    return K * u, K, r, u


def mse_and_grad(p, day, dn, di, y):
    pred, K, r, u = logistic(p, day, dn, di)
    res = pred - y
    du = K * u * (1.0 - u)
    J = np.column_stack([u, dn * u, du * (day - p[4]), du * (day - p[4]) * di, -du * r])
    return float(np.mean(res ** 2)), 2.0 * J.T @ res / len(y)


class GrowthCurve:
    def __init__(self, p):
        self.p = np.asarray(p, float)
        self.params = dict(zip(NAMES, self.p))

    def predict(self, X):
        return logistic(self.p, *_columns(X))[0]


def train_model(data_train, data_val, config, monitor):
    X = _columns(data_train)
    y = data_train["biomass_g_m2"].to_numpy(float)
    Xv = _columns(data_val)
    yv = data_val["biomass_g_m2"].to_numpy(float)
    lr = config["lr"]
    p = np.array([config["k_init"], 0.0, config["r_init"], 0.0, config["t_mid_init"]], float)
    for epoch in range(config["epochs"]):
        loss, g = mse_and_grad(p, *X, y)
        p = p - lr * SCALE ** 2 * g                  # gradient descent on p / SCALE
        pv = logistic(p, *Xv)[0]
        val = float(np.mean((pv - yv) ** 2))
        monitor.log_epoch(train_loss=loss, val_loss=val, metric=float(np.sqrt(val)),
                          grad_norm=float(np.linalg.norm(g)), lr=lr)
        if monitor.should_stop:
            break
    print({k: round(float(v), 4) for k, v in zip(NAMES, p)})
    return GrowthCurve(p)
