import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import minimize

# Monod kinetics of the pitched yeast on wort sugar, one (X, S) pair per batch, all batches integrated together:
#   dX/dt = mu X S / (Ks + S),  dS/dt = -mu X S / (Ks + S) / Y,  mu = mu20 * theta ** (T - 20)
NAMES = ["mu20", "theta", "Ks", "Y"]
X0 = np.array([0.1, 1.05, 5.0, 0.1])
BOUNDS = [(0.001, 1.0), (1.0, 1.2), (0.1, 50.0), (0.01, 0.5)]
COLS = ["batch_id", "temp_c", "pitch_g_l", "original_sugar_g_l", "hour"]


def simulate(p, batch, temp, x0, s0, hours):
    mu20, theta, ks, yld = p
    mu = mu20 * theta ** (temp - 20.0)
    n = len(batch)

    def rhs(t, z):
        x, s = z[:n], np.maximum(z[n:], 0.0)
        g = mu * x * s / (ks + s)
        return np.concatenate([g, -g / yld])
    grid = np.unique(hours)
    sol = solve_ivp(rhs, (0.0, grid[-1]), np.concatenate([x0, s0]), t_eval=grid, method="LSODA", rtol=1e-6, atol=1e-6)
    if not sol.success or sol.y.shape[1] != len(grid):
        return None
    return sol.y[n:], grid


class FermentationModel:
    def __init__(self, p):
        self.p = np.asarray(p, float)

    def predict(self, X):
        X = np.asarray(X, float)
        ids, first, inv = np.unique(X[:, 0], return_index=True, return_inverse=True)
        out = simulate(self.p, ids, X[first, 1], X[first, 2], X[first, 3], X[:, 4])
        if out is None:
            return np.full(len(X), np.nan)
        s, grid = out
        return s[inv, np.searchsorted(grid, X[:, 4])]


def train_model(data_train, data_val, config, monitor):
    Xtr, ytr = data_train[COLS].to_numpy(float), data_train["sugar_g_l"].to_numpy()
    Xva, yva = data_val[COLS].to_numpy(float), data_val["sugar_g_l"].to_numpy()

    def mse(p, X, y):
        pred = FermentationModel(p).predict(X)
        return float(np.mean((pred - y) ** 2)) if np.all(np.isfinite(pred)) else 1e6

    def log_iteration(p):
        tr = mse(p, Xtr, ytr)
        va = mse(p, Xva, yva)
        monitor.log_epoch(train_loss=tr, val_loss=va, metric=float(np.sqrt(va)),
                          **{k: float(v) for k, v in zip(NAMES, p)})

    res = minimize(mse, X0, args=(Xtr, ytr), method=config["optimizer"], bounds=BOUNDS,
                   callback=log_iteration, options={"maxiter": int(config["epochs"])})
    print(res.message, res.nit, dict(zip(NAMES, np.round(res.x, 4))))
    return FermentationModel(res.x)
