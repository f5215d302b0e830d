"""Salivary cortisol ELISA: four-parameter logistic standard curve, OD450 against cortisol concentration.

OD = bottom + (top - bottom) / (1 + (conc / IC50) ** hill), where the zero-analyte signal `top` grows with the
incubation temperature and the TMB development time. Least squares with scipy.optimize.minimize and the analytic
gradient; one history row per optimizer iteration.
"""
import numpy as np
from scipy.optimize import minimize

NAMES = ["log_top", "top_temp", "top_substrate", "bottom", "log_ic50", "hill"]


def _columns(X):
    if hasattr(X, "columns"):
        X = X[["conc_nmol_l", "incubation_temp_c", "substrate_min"]]
    X = np.asarray(X, float)
    return X[:, 0], X[:, 1] - 22.0, np.log(X[:, 2] / 20.0)


def curve(p, conc, dtemp, lsub):
    top = np.exp(p[0] + p[1] * dtemp + p[2] * lsub)
    z = np.exp(p[5] * (np.log(conc) - p[4]))          # (conc / IC50) ** hill
    u = 1.0 / (1.0 + z)
    return p[3] + (top - p[3]) * u, top, z, u


def loss_and_grad(p, conc, dtemp, lsub, y):
    pred, top, z, u = curve(p, conc, dtemp, lsub)
    r = pred - y
    dtop = top * u                                    # d pred / d log_top
    J = np.column_stack([
        dtop,
        dtop * dtemp,
        dtop * lsub,
        1.0 - u,
        -(top - p[3]) * u ** 2 * p[5] * z,            # d pred / d log_ic50
        -(top - p[3]) * u ** 2 * z * (np.log(conc) - p[4]),
    ])
    return float(np.mean(r ** 2)), 2.0 * J.T @ r / len(y)


class StandardCurve:
    def __init__(self, p):
        self.p = np.asarray(p, float)
        self.params = dict(zip(NAMES, self.p))

    def predict(self, X):
        return curve(self.p, *_columns(X))[0]


def train_model(data_train, data_val, config):
    conc, dtemp, lsub = _columns(data_train)
    y = data_train["od450"].to_numpy(float)
    Xv = _columns(data_val)
    yv = data_val["od450"].to_numpy(float)
    history = []

    def record(p):
        pv = curve(p, *Xv)[0]
        history.append(dict(epoch=len(history) + 1,
                            train_loss=loss_and_grad(p, conc, dtemp, lsub, y)[0],
                            val_loss=float(np.mean((pv - yv) ** 2)),
                            metric=float(np.sqrt(np.mean((pv - yv) ** 2)))))

    p0 = np.array([np.log(config["top_init"]), 0.0, 0.0, config["bottom_init"],
                   np.log(config["ic50_init"]), config["hill_init"]])
    fit = minimize(loss_and_grad, p0, args=(conc, dtemp, lsub, y), jac=True, method=config["optimizer"],
                   callback=record, options={"maxiter": config["epochs"], "gtol": config["gtol"]})
    print(f"{config['optimizer']}: {fit.message} ({fit.nit} iterations, {fit.nfev} evaluations), "
          f"mse {fit.fun:.6f}")
    print({k: round(float(v), 4) for k, v in zip(NAMES, fit.x)})
    return StandardCurve(fit.x), history
