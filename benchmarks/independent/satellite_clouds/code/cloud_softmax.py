import time

import numpy as np

TARGET = "cloud_class"
LOG_COLS = ("refl06", "refl_texture")   # reflectances enter on the log scale


def design(X, feats):
    X = np.asarray(X, dtype=float).copy()
    for j, name in enumerate(feats):
        if name in LOG_COLS:
            X[:, j] = np.log(np.maximum(X[:, j], 1e-4))
    return X


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class CloudSoftmax:
    """Multinomial logistic regression on the (log-)radiances, standardised with the training pixels."""

    def __init__(self, W, b, mu, sd, feats, n_classes):
        self.W, self.b, self.mu, self.sd = W, b, mu, sd
        self.feats, self.n_classes = list(feats), n_classes

    def _matrix(self, X):
        if hasattr(X, "columns"):
            X = X[self.feats].to_numpy(float)
        return (design(X, self.feats) - self.mu) / self.sd

    def predict_proba(self, X):
        return softmax(self._matrix(X) @ self.W + self.b)

    def predict(self, X):
        return self.predict_proba(X).argmax(axis=1)


def nll(P, y):
    return float(-np.mean(np.log(P[np.arange(len(y)), y] + 1e-12)))


def train_model(data_train, data_val, config, monitor):
    feats = [c for c in data_train.columns if c != TARGET]
    y_tr = data_train[TARGET].to_numpy(int)
    y_va = data_val[TARGET].to_numpy(int)
    k = int(config.get("n_classes", 4))
    Z_tr = design(data_train[feats].to_numpy(float), feats)
    mu, sd = Z_tr.mean(axis=0), Z_tr.std(axis=0)
    sd[sd == 0] = 1.0
    model = CloudSoftmax(np.zeros((len(feats), k)), np.zeros(k), mu, sd, feats, k)
    X_tr = (Z_tr - mu) / sd
    X_va = model._matrix(data_val[feats].to_numpy(float))
    Y = np.eye(k)[y_tr]
    n = len(y_tr)

    lr, mom, l2 = config["lr"], config["momentum"], config["weight_decay"]
    W, b = model.W, model.b
    vW, vb = np.zeros_like(W), np.zeros_like(b)
    best, best_state, wait = np.inf, (W.copy(), b.copy()), 0
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        # Nesterov look-ahead gradient, full batch
        Wl, bl = W + mom * vW, b + mom * vb
        P = softmax(X_tr @ Wl + bl)
        gW = X_tr.T @ (P - Y) / n + l2 * Wl
        gb = (P - Y).mean(axis=0)
        vW = mom * vW - lr * gW
        vb = mom * vb - lr * gb
        W += vW
        b += vb

        P_tr = softmax(X_tr @ W + b)
        P_va = softmax(X_va @ W + b)
        train_loss = nll(P_tr, y_tr) + 0.5 * l2 * float(np.sum(W ** 2))
        val_loss = nll(P_va, y_va)
        acc = float(np.mean(P_va.argmax(axis=1) == y_va))
        gnorm = float(np.sqrt(np.sum(gW ** 2) + np.sum(gb ** 2)))
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=acc, grad_norm=gnorm, lr=lr,
                          train_accuracy=float(np.mean(P_tr.argmax(axis=1) == y_tr)), time_s=time.time() - t0)
        if val_loss < best - 1e-5:
            best, best_state, wait = val_loss, (W.copy(), b.copy()), 0
        else:
            wait += 1
            if wait >= config["early_stopping_patience"]:
                break
        if monitor.should_stop:
            break
    model.W, model.b = best_state
    return model
