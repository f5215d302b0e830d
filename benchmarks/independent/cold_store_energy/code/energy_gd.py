import numpy as np

TARGET = "energy_kWh"


class LinearEnergyModel:
    """Linear model on standardised weather and logistics drivers; answers in kWh/day."""

    def __init__(self, x_mean, x_sd, y_mean, y_sd, w, b):
        self.x_mean, self.x_sd, self.y_mean, self.y_sd, self.w, self.b = x_mean, x_sd, y_mean, y_sd, w, b

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        z = (X - self.x_mean) / self.x_sd
        return (z @ self.w + self.b) * self.y_sd + self.y_mean


def train_model(data_train, data_val, config, monitor):
    feats = [c for c in data_train.columns if c != TARGET]
    X = data_train[feats].to_numpy(float)
    y = data_train[TARGET].to_numpy(float)
    Xv = data_val[feats].to_numpy(float)
    yv = data_val[TARGET].to_numpy(float)

    x_mean, x_sd = X.mean(axis=0), X.std()
    y_mean, y_sd = y.mean(), y.std()
    Z, t = (X - x_mean) / x_sd, (y - y_mean) / y_sd
    Zv, tv = (Xv - x_mean) / x_sd, (yv - y_mean) / y_sd

    rng = np.random.default_rng(config.get("seed", 0))
    w = np.zeros(Z.shape[1])
    b = 0.0
    lr = config["lr"]
    bs = config["batch_size"]
    patience = config["early_stopping_patience"]

    best_val, best_w, best_b = np.inf, w.copy(), b
    bad_epochs = 0
    for epoch in range(config["epochs"]):
        order = rng.permutation(len(Z))
        for start in range(0, len(Z), bs):
            idx = order[start:start + bs]
            err = Z[idx] @ w + b - t[idx]
            w -= lr * 2 * Z[idx].T @ err / len(idx)
            b -= lr * 2 * err.mean()

        err_tr = Z @ w + b - t
        err_va = Zv @ w + b - tv
        train_loss = float(np.mean(err_tr ** 2))
        val_loss = float(np.mean(err_va ** 2))
        grad = np.concatenate([2 * Z.T @ err_tr / len(Z), [2 * err_tr.mean()]])
        rmse = float(np.sqrt(val_loss)) * y_sd
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=rmse,
                          grad_norm=float(np.linalg.norm(grad)), lr=lr)

        # early stopping on the validation loss, keeping the best weights
        if val_loss < best_val - 1e-6:
            best_val, best_w, best_b = val_loss, w.copy(), b
            bad_epochs = 0
        else:
            bad_epochs += 1
        if bad_epochs >= patience or monitor.should_stop:
            break

    return LinearEnergyModel(x_mean, x_sd, y_mean, y_sd, best_w, best_b)
