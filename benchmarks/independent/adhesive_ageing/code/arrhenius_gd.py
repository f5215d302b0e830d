"""Humid-heat ageing of bonded joints: first-order strength loss with an Arrhenius rate and a humidity factor,

    strength = s0 * exp(-k(T, RH) * t),   ln k = c0 + c1 * z_T + c2 * z_RH,

z_T the standardised Arrhenius variable 1000 / T[K], z_RH the standardised humidity, t in thousands of hours.
Fitted by full-batch gradient descent (with momentum) on the squared error of ln(strength)."""
import numpy as np

TARGET = "shear_strength_mpa"


class AgeingModel:
    def __init__(self, theta, stats):
        self.theta = np.asarray(theta, float)
        self.stats = stats

    def _design(self, X):
        X = np.asarray(X, float)
        inv_t = 1000.0 / (X[:, 0] + 273.15)
        z_t = (inv_t - self.stats["inv_t_mean"]) / self.stats["inv_t_sd"]
        z_rh = (X[:, 1] - self.stats["rh_mean"]) / self.stats["rh_sd"]
        t_kh = X[:, 2] / 1000.0
        return np.column_stack([np.ones(len(X)), z_t, z_rh]), t_kh

    def log_strength(self, X):
        Z, t_kh = self._design(X)
        a = self.theta[0]
        k = np.exp(Z @ self.theta[1:])
        return a - k * t_kh, Z, k, t_kh

    def predict(self, X):
        return np.exp(self.log_strength(X)[0])


def _loss_and_grad(model, X, log_y):
    pred, Z, k, t_kh = model.log_strength(X)
    r = pred - log_y
    loss = float(np.mean(r ** 2))
    g_a = 2.0 * np.mean(r)
    g_c = 2.0 * ((r * (-k * t_kh)) @ Z) / len(r)
    return loss, np.concatenate([[g_a], g_c])


def train_model(data_train, data_val, config, monitor):
    cols = ["chamber_temp_c", "chamber_rh_pct", "ageing_hours"]
    X, Xv = data_train[cols].to_numpy(float), data_val[cols].to_numpy(float)
    log_y, log_yv = np.log(data_train[TARGET].to_numpy(float)), np.log(data_val[TARGET].to_numpy(float))
    inv_t = 1000.0 / (X[:, 0] + 273.15)
    stats = dict(inv_t_mean=inv_t.mean(), inv_t_sd=inv_t.std(), rh_mean=X[:, 1].mean(), rh_sd=X[:, 1].std())

    # start: initial strength from the unaged joints, a slow rate of 0.1 per 1000 h
    a0 = float(np.log(data_train.loc[data_train["ageing_hours"] == 0, TARGET].mean()))
    model = AgeingModel([a0, np.log(0.1), 0.0, 0.0], stats)

    lr, beta = float(config["lr"]), float(config.get("momentum", 0.0))
    velocity = np.zeros_like(model.theta)
    for epoch in range(int(config["epochs"])):
        loss, grad = _loss_and_grad(model, X, log_y)
        velocity = beta * velocity - lr * grad
        model.theta = model.theta + velocity
        val_loss, _ = _loss_and_grad(model, Xv, log_yv)
        rmse = float(np.sqrt(np.mean((model.predict(Xv) - np.exp(log_yv)) ** 2)))
        monitor.log_epoch(train_loss=loss, val_loss=val_loss, metric=rmse, grad_norm=float(np.linalg.norm(grad)), lr=lr)
        if monitor.should_stop:
            break
    return model
