"""Tomato fruit growth: logistic curve in days after anthesis (DAA),

    W = K / (1 + exp(-r * (DAA - t_mid))),
    K = exp(log_K + b_load * (fruits_per_truss - 5)),      final fresh weight (g)
    r = exp(log_r + b_temp * (temp - 22)),                 relative growth rate (1/day)
    t_mid = t_mid0 + b_tmid * (temp - 22),                 day of fastest growth

fitted with scipy.optimize.least_squares on the residuals in grams."""
import numpy as np
from scipy.optimize import least_squares

TARGET = "fruit_weight_g"
COLS = ["days_after_anthesis", "compartment_temp_c", "fruits_per_truss"]
NAMES = ["log_K", "b_load", "log_r", "b_temp", "t_mid0", "b_tmid"]
# starting values: final weight, growth rate and inflection from the cultivar sheet
X0 = np.array([np.log(180.0), 0.0, np.log(8.0), 0.0, 0.0, 0.0])


def curve(theta, X):
    X = np.asarray(X, float)
    daa, temp, load = X[:, 0], X[:, 1], X[:, 2]
    K = np.exp(theta[0] + theta[1] * (load - 5.0))
    r = np.exp(theta[2] + theta[3] * (temp - 22.0))
    t_mid = theta[4] + theta[5] * (temp - 22.0)
    return K / (1.0 + np.exp(-r * (daa - t_mid)))


class GrowthCurve:
    def __init__(self, theta):
        self.theta = np.asarray(theta, float)
        self.params = dict(zip(NAMES, self.theta.tolist()))

    def predict(self, X):
        return curve(self.theta, X)


def train_model(data_train, data_val, config):
    X, y = data_train[COLS].to_numpy(float), data_train[TARGET].to_numpy(float)
    Xv, yv = data_val[COLS].to_numpy(float), data_val[TARGET].to_numpy(float)
    history = []

    def record(intermediate_result):
        th = intermediate_result.x
        history.append(dict(epoch=len(history) + 1,
                            train_loss=float(np.mean((curve(th, X) - y) ** 2)),
                            val_loss=float(np.mean((curve(th, Xv) - yv) ** 2)),
                            metric=float(np.sqrt(np.mean((curve(th, Xv) - yv) ** 2)))))

    fit = least_squares(lambda th: curve(th, X) - y, X0, method="trf", max_nfev=int(config["max_nfev"]),
                        callback=record)
    print(f"least_squares: {fit.message} ({fit.nfev} evaluations), cost {fit.cost:.1f}")
    return GrowthCurve(fit.x), history
