"""Safety performance function for junctions: Poisson log-linear model of 5-year injury collision counts,
fitted by Newton-Raphson (iteratively reweighted least squares) with step halving."""
import time
import numpy as np

TARGET = "collisions_5yr"
COLS = ["aadt_major", "aadt_minor", "signalised", "legs", "speed_limit_kmh", "ped_crossing"]


def design(A):
    A = np.asarray(A, float)
    return np.column_stack([
        np.ones(len(A)),
        np.log(A[:, 0] / 10000.0),          # flows as elasticities, centred near typical volumes
        np.log(A[:, 1] / 1000.0),
        A[:, 2],
        (A[:, 3] == 4).astype(float),
        (A[:, 4] - 50.0) / 10.0,
        A[:, 5],
    ])


def deviance(y, mu):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(y > 0, y * np.log(y / mu), 0.0)
    return float(2 * np.sum(t - (y - mu)) / len(y))


class CollisionSPF:
    def __init__(self, beta):
        self.beta = beta

    def predict(self, X):
        if hasattr(X, "columns"):
            X = X[COLS].to_numpy(float)
        return np.exp(design(X) @ self.beta)


def train_model(data_train, data_val, config):
    X = design(data_train[COLS]); y = data_train[TARGET].to_numpy(float)
    Xv = design(data_val[COLS]); yv = data_val[TARGET].to_numpy(float)
    beta = np.zeros(X.shape[1]); beta[0] = np.log(y.mean())
    dev = deviance(y, np.exp(X @ beta))
    hist = {k: [] for k in ["epoch", "train_loss", "val_loss", "metric", "grad_norm", "step", "time_s"]}
    t0 = time.time()
    for it in range(1, config["epochs"] + 1):
        mu = np.exp(X @ beta)
        grad = X.T @ (y - mu)                       # score
        H = X.T @ (X * mu[:, None])                 # Fisher information
        delta = np.linalg.solve(H, grad)
        step = 1.0
        while True:                                 # halve the step until the deviance does not rise
            cand = beta + step * delta
            new_dev = deviance(y, np.exp(X @ cand))
            if new_dev <= dev or step < 1e-4:
                break
            step /= 2
        beta, old, dev = cand, dev, new_dev
        muv = np.exp(Xv @ beta)
        hist["epoch"].append(it); hist["train_loss"].append(dev); hist["val_loss"].append(deviance(yv, muv))
        hist["metric"].append(float(np.sqrt(np.mean((muv - yv) ** 2))))
        hist["grad_norm"].append(float(np.linalg.norm(X.T @ (y - np.exp(X @ beta))) / len(y)))
        hist["step"].append(step); hist["time_s"].append(time.time() - t0)
        if abs(old - dev) <= config["tol"] * max(abs(dev), 1e-12):
            break
    return CollisionSPF(beta), hist
