import numpy as np
from scipy.optimize import minimize

TARGET = "demand_gwh"
NAMES = ["base", "heat_slope", "heat_balance_c", "cool_slope", "cool_balance_c",
         "tue", "wed", "thu", "fri", "sat", "sun", "holiday", "ar1"]


def _softplus(z):
    return np.logaddexp(0.0, z)


def _weather_calendar(theta, temp, dow, hol):
    """Demand explained by heating and cooling degree-days (smooth hinges at two balance temperatures),
    the day of the week and public holidays."""
    base, a_h, t_h, a_c, t_c = theta[:5]
    day = np.concatenate([[0.0], theta[5:11]])[dow]
    hdd = 2.0 * _softplus((t_h - temp) / 2.0)
    cdd = 1.5 * _softplus((temp - t_c) / 1.5)
    return base + a_h * hdd + a_c * cdd + day + theta[11] * hol


class DemandModel:
    """Degree-day regression with AR(1) errors: tomorrow = m(tomorrow) + phi * (today - m(today))."""

    def __init__(self, theta):
        self.theta = np.asarray(theta, float)

    def predict(self, X):
        X = np.asarray(X, float)
        dow, hol, temp = X[:, 0].astype(int), X[:, 1], X[:, 2]
        hol1, temp1, y1 = X[:, 3], X[:, 4], X[:, 5]
        m_today = _weather_calendar(self.theta, temp, dow, hol)
        m_yday = _weather_calendar(self.theta, temp1, (dow + 6) % 7, hol1)
        return m_today + self.theta[12] * (y1 - m_yday)


FEATURES = ["day_of_week", "holiday", "temp_mean_c", "holiday_lag1", "temp_mean_lag1_c", "demand_lag1_gwh"]


def train_model(data_train, data_val, config):
    X_tr, y_tr = data_train[FEATURES].to_numpy(float), data_train[TARGET].to_numpy(float)
    X_va, y_va = data_val[FEATURES].to_numpy(float), data_val[TARGET].to_numpy(float)
    scale = y_tr.var()
    theta0 = np.array([y_tr.mean(), 5.0, config["heat_balance_init_c"], 5.0, config["cool_balance_init_c"],
                       0, 0, 0, 0, -20, -20, -20, 0.5])

    def loss(theta, X, y):
        return np.mean((DemandModel(theta).predict(X) - y) ** 2) / scale

    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": []}

    def record(theta):
        history["epoch"].append(len(history["epoch"]) + 1)
        history["train_loss"].append(loss(theta, X_tr, y_tr))
        vl = loss(theta, X_va, y_va)
        history["val_loss"].append(vl)
        history["metric"].append(float(np.sqrt(vl * scale)))

    bounds = [(None, None), (0, None), (5, 20), (0, None), (15, 30)] + [(None, None)] * 7 + [(-0.99, 0.99)]
    res = minimize(loss, theta0, args=(X_tr, y_tr), method="L-BFGS-B", bounds=bounds, callback=record,
                   options={"maxiter": config["max_iter"], "ftol": config["tol"]})
    print(res.message, "after", res.nit, "iterations")
    print({k: round(float(v), 3) for k, v in zip(NAMES, res.x)})
    return DemandModel(res.x), history
