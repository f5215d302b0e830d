import numpy as np

# CSV column order: variety_code, soil_class, nitrogen_kg_ha, rain_mm, planting_doy (target yield_t_ha last)
FEATURES = ["variety_code", "soil_class", "nitrogen_kg_ha", "rain_mm", "planting_doy"]
TARGET = "yield_t_ha"


class TrialModel:
    """Additive trial model: overall mean + variety effect + soil effect + linear covariate terms."""

    def __init__(self, varieties, soils, mu, sd):
        self.varieties, self.soils, self.mu, self.sd = varieties, soils, mu, sd
        self.b0 = 0.0
        self.w = np.zeros(3)
        self.u = np.zeros(len(varieties))
        self.s = np.zeros(len(soils))

    def design(self, X):
        X = np.asarray(X, dtype=float)
        V = (X[:, [0]] == self.varieties[None, :]).astype(float)     # one indicator per variety
        S = (X[:, [1]] == self.soils[None, :]).astype(float)         # one indicator per soil class
        Z = (X[:, 2:5] - self.mu) / self.sd
        return V, S, Z

    def predict(self, X):
        V, S, Z = self.design(X)
        return self.b0 + Z @ self.w + V @ self.u + S @ self.s


def train_model(data_train, data_val, config, monitor):
    Xtr = data_train[FEATURES].to_numpy(float); ytr = data_train[TARGET].to_numpy(float)
    Xva = data_val[FEATURES].to_numpy(float); yva = data_val[TARGET].to_numpy(float)
    model = TrialModel(np.unique(Xtr[:, 0]), np.unique(Xtr[:, 1]),
                       Xtr[:, 2:5].mean(0), Xtr[:, 2:5].std(0))
    model.b0 = ytr.mean()
    V, S, Z = model.design(Xtr)
    n = len(ytr)
    lr, lam = config["lr"], config["weight_decay"]
    for epoch in range(config["epochs"]):
        r = model.predict(Xtr) - ytr
        # squared error plus shrinkage of the variety and soil effects toward zero
        g_b0 = 2 * r.mean()
        g_w = 2 * Z.T @ r / n
        g_u = 2 * V.T @ r / n + 2 * lam * model.u
        g_s = 2 * S.T @ r / n + 2 * lam * model.s
        model.b0 -= lr * g_b0
        model.w -= lr * g_w
        model.u -= lr * g_u
        model.s -= lr * g_s
        train_mse = float(np.mean((model.predict(Xtr) - ytr) ** 2))
        val_mse = float(np.mean((model.predict(Xva) - yva) ** 2))
        gnorm = float(np.sqrt(g_b0 ** 2 + g_w @ g_w + g_u @ g_u + g_s @ g_s))
        monitor.log_epoch(train_loss=train_mse, val_loss=val_mse, metric=np.sqrt(val_mse), grad_norm=gnorm, lr=lr)
        if monitor.should_stop:
            break
    return model
