import time
import numpy as np

# columns of data/*.csv (target removed):
# crossings_lag1, crossings_lag7, crossings_lag14, day_of_week, holiday, holiday_lag1, holiday_lag7, temp_c, rain_mm


def design(X):
    X = np.asarray(X, dtype=float)
    dow = X[:, 3].astype(int)
    dow_dummies = np.stack([(dow == d).astype(float) for d in range(1, 7)], axis=1)   # Monday is the baseline
    return np.column_stack([X[:, [0, 1, 2, 4, 5, 6, 7, 8]], dow_dummies])


class CrossingsARX:
    """Linear autoregression with calendar and weather terms, on standardised inputs."""

    def __init__(self, mu, sd, y_mu, y_sd, w, b):
        self.mu, self.sd, self.y_mu, self.y_sd, self.w, self.b = mu, sd, y_mu, y_sd, w, b

    def predict(self, X):
        Z = (design(X) - self.mu) / self.sd
        return self.y_mu + self.y_sd * (Z @ self.w + self.b)


def train_model(data_train, data_val, config, monitor):
    target = "crossings"
    feats = [c for c in data_train.columns if c != target]
    D_tr = design(data_train[feats].to_numpy()); D_va = design(data_val[feats].to_numpy())
    y_tr = data_train[target].to_numpy(float); y_va = data_val[target].to_numpy(float)
    mu, sd = D_tr.mean(0), D_tr.std(0)
    y_mu, y_sd = y_tr.mean(), y_tr.std()
    Z_tr, Z_va = (D_tr - mu) / sd, (D_va - mu) / sd
    t_tr, t_va = (y_tr - y_mu) / y_sd, (y_va - y_mu) / y_sd

    rng = np.random.default_rng(config.get("seed", 0))
    w = rng.normal(0, 0.01, Z_tr.shape[1]); b = 0.0
    lr, l2 = config["lr"], config["weight_decay"]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    m_w = np.zeros_like(w); v_w = np.zeros_like(w); m_b = v_b = 0.0
    n = len(t_tr)
    for epoch in range(1, config["epochs"] + 1):
        t0 = time.time()
        r = Z_tr @ w + b - t_tr
        g_w = 2 * Z_tr.T @ r / n + 2 * l2 * w
        g_b = 2 * r.mean()
        m_w = beta1 * m_w + (1 - beta1) * g_w; v_w = beta2 * v_w + (1 - beta2) * g_w ** 2
        m_b = beta1 * m_b + (1 - beta1) * g_b; v_b = beta2 * v_b + (1 - beta2) * g_b ** 2
        c1, c2 = 1 - beta1 ** epoch, 1 - beta2 ** epoch
        w = w - lr * (m_w / c1) / (np.sqrt(v_w / c2) + eps)
        b = b - lr * (m_b / c1) / (np.sqrt(v_b / c2) + eps)
        train_loss = float(np.mean((Z_tr @ w + b - t_tr) ** 2))
        val_loss = float(np.mean((Z_va @ w + b - t_va) ** 2))
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=float(np.sqrt(val_loss) * y_sd),
                          grad_norm=float(np.sqrt(np.sum(g_w ** 2) + g_b ** 2)), lr=lr, time_s=time.time() - t0)
        if monitor.should_stop:
            break
    return CrossingsARX(mu, sd, y_mu, y_sd, w, b)
