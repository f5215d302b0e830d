import time

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, WhiteKernel
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

TARGET = "eui_kwh_m2"


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


def make_gp(config, n_features):
    # anisotropic squared-exponential kernel (one length scale per design variable) plus a nugget for the
    # weather-file jitter of the simulator; design variables put on a common scale first
    kernel = RBF(length_scale=np.full(n_features, config["length_scale"])) + WhiteKernel(noise_level=config["noise_level"])
    gp = GaussianProcessRegressor(kernel=kernel, n_restarts_optimizer=config["n_restarts"],
                                  random_state=config.get("seed", 0))
    return Pipeline([("scale", StandardScaler()), ("gp", gp)])


def train_model(data_train, data_val, config):
    feats = [c for c in data_train.columns if c != TARGET]
    X, y = data_train[feats].to_numpy(float), data_train[TARGET].to_numpy(float)
    Xv, yv = data_val[feats].to_numpy(float), data_val[TARGET].to_numpy(float)
    # learning curve over the simulation budget: how many simulator runs does the surrogate need?
    history = {"epoch": [], "n_runs": [], "train_loss": [], "val_loss": [], "metric": [], "time_s": []}
    sizes = list(range(config["first_runs"], len(X), config["step_runs"])) + [len(X)]
    model = None
    for e, n in enumerate(sizes, start=1):
        t0 = time.time()
        model = make_gp(config, len(feats)).fit(X[:n], y[:n])
        tr_rmse = rmse(model.predict(X[:n]), y[:n])
        va_rmse = rmse(model.predict(Xv), yv)
        history["epoch"].append(e); history["n_runs"].append(n)
        history["train_loss"].append(tr_rmse ** 2); history["val_loss"].append(va_rmse ** 2)
        history["metric"].append(va_rmse); history["time_s"].append(time.time() - t0)
    return model, history
