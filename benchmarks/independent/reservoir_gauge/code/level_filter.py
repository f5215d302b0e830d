import numpy as np
from scipy.optimize import minimize

TARGET = "reading_cm"
NAMES = ["q_process", "r_gauge", "b_rain", "b_draw", "c_inflow"]


def run_filter(theta, prev, rain, draw):
    """Local-level Kalman filter: level_t = level_{t-1} + b_rain*rain_t - b_draw*draw_t + c + w,  reading = level + v.
    Returns the one-step-ahead forecast of each day's reading and its variance."""
    q, r, b_rain, b_draw, c = theta
    m, P = prev[0], 1e4                        # diffuse start at the first available reading
    fc = np.empty(len(prev)); fv = np.empty(len(prev))
    for t in range(len(prev)):
        K = P / (P + r)                        # update with yesterday's reading
        m = m + K * (prev[t] - m)
        P = (1 - K) * P
        m = m + b_rain * rain[t] - b_draw * draw[t] + c    # water balance for today
        P = P + q
        fc[t] = m; fv[t] = P + r
    return fc, fv


def arrays(df):
    return (df["reading_prev_cm"].to_numpy(float), df["rain_mm"].to_numpy(float), df["draw_ML"].to_numpy(float))


def neg_log_lik(theta, df):
    fc, fv = run_filter(theta, *arrays(df))
    y = df[TARGET].to_numpy(float)
    return 0.5 * float(np.sum(np.log(2 * np.pi * fv) + (y - fc) ** 2 / fv))


class LevelForecaster:
    def __init__(self, theta):
        self.theta = np.asarray(theta, float)

    def predict(self, X):
        X = np.asarray(X, float)               # columns: reading_prev_cm, rain_mm, draw_ML (days in order)
        return run_filter(self.theta, X[:, 0], X[:, 1], X[:, 2])[0]


def train_model(data_train, data_val, config, monitor):
    yv = data_val[TARGET].to_numpy(float)
    x0 = np.array([config["q_init"], config["r_init"], 0.0, 0.0, 0.0])
    bounds = [(1e-6, None), (1e-6, None), (None, None), (None, None), (None, None)]

    def log_iter(xk):
        fc, _ = run_filter(xk, *arrays(data_val))
        monitor.log_epoch(train_loss=neg_log_lik(xk, data_train) / len(data_train),
                          val_loss=neg_log_lik(xk, data_val) / len(data_val),
                          metric=float(np.sqrt(np.mean((fc - yv) ** 2))),
                          **dict(zip(NAMES, map(float, xk))))

    res = minimize(neg_log_lik, x0, args=(data_train,), method=config["optimizer"], bounds=bounds,
                   tol=config["tol"], options={"maxiter": config["epochs"]}, callback=log_iter)
    print(res.message, "after", res.nit, "iterations")
    return LevelForecaster(res.x)
