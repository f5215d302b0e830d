import numpy as np

FEATURES = ["peak_gust_ms", "rain_24h_mm", "canopy_pct", "years_since_trim", "conductor_age_yr"]
TARGET = "lockout"


class LockoutModel:
    """Logistic model of a feeder lockout during a wind-warning storm."""

    def __init__(self, mu, sd, beta, threshold):
        self.mu, self.sd, self.beta, self.threshold = mu, sd, beta, threshold

    def _design(self, X):
        if hasattr(X, "loc"):
            X = X[FEATURES].to_numpy(dtype=float)
        Z = (np.asarray(X, dtype=float) - self.mu) / self.sd
        return np.column_stack([np.ones(len(Z)), Z])

    def predict_proba(self, X):
        p = 1.0 / (1.0 + np.exp(-self._design(X) @ self.beta))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.threshold).astype(int)

    def odds_ratios_per_sd(self):
        return dict(zip(FEATURES, np.exp(self.beta[1:])))


def _nll(A, y, beta):
    eta = A @ beta
    return float(np.mean(np.logaddexp(0.0, eta) - y * eta))


def train_model(data_train, data_val, config, monitor):
    X = data_train[FEATURES].to_numpy(dtype=float)
    y = data_train[TARGET].to_numpy(dtype=float)
    y_va = data_val[TARGET].to_numpy(dtype=float)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    model = LockoutModel(mu, sd, np.zeros(X.shape[1] + 1), float(config["threshold"]))
    A, A_va = model._design(X), model._design(data_val)
    n = len(y)
    # small ridge on the slopes (not the intercept): a few dozen storms per covariate
    pen = np.full(A.shape[1], float(config["l2"]))
    pen[0] = 0.0

    for it in range(int(config["max_iter"])):
        beta = model.beta
        p = 1.0 / (1.0 + np.exp(-A @ beta))
        grad = A.T @ (p - y) / n + pen * beta
        H = (A * (p * (1 - p))[:, None]).T @ A / n + np.diag(pen)
        step = np.linalg.solve(H, grad)
        model.beta = beta - step
        train_loss = _nll(A, y, model.beta) + 0.5 * float(np.sum(pen * model.beta ** 2))
        val_loss = _nll(A_va, y_va, model.beta)
        acc = float(np.mean(model.predict(data_val) == y_va))
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=acc,
                          grad_norm=float(np.linalg.norm(grad)), step_norm=float(np.linalg.norm(step)))
        if monitor.should_stop or np.linalg.norm(step) < float(config["tol"]):
            break
    return model
