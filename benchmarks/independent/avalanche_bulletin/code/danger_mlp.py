"""Regional avalanche danger level (1-3) from weather and snowpack observations:
a one-hidden-layer tanh network with a softmax output, written in numpy and
trained by mini-batch Adagrad on a per-sample weighted cross-entropy (levels
confirmed by field observations count more), early stopping on the validation
log-loss with the best weights kept."""
import time
import numpy as np

TARGET = "danger_level"
INPUTS = ["new_snow_72h_cm", "wind_max_kmh", "temp_change_24h_C", "snow_depth_cm", "weak_layer"]


def _prep(df, mean, sd):
    X = df[INPUTS].to_numpy(float).copy()
    X[:, 0] = np.log1p(X[:, 0])
    return (X - mean) / sd


def _forward(W, X):
    H = np.tanh(X @ W["W1"] + W["b1"])
    Z = H @ W["W2"] + W["b2"]
    Z -= Z.max(1, keepdims=True)
    P = np.exp(Z); P /= P.sum(1, keepdims=True)
    return H, P


class DangerModel:
    def __init__(self, W, mean, sd, levels):
        self.W, self.mean, self.sd, self.levels = W, mean, sd, levels

    def predict_proba(self, X):
        import pandas as pd
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X), columns=INPUTS + ["field_verified"])
        return _forward(self.W, _prep(df, self.mean, self.sd))[1]

    def predict(self, X):
        return self.levels[self.predict_proba(X).argmax(1)]


def train_model(data_train, data_val, config, monitor):
    rng = np.random.default_rng(config.get("seed", 0))
    raw = data_train[INPUTS].to_numpy(float).copy(); raw[:, 0] = np.log1p(raw[:, 0])
    mean, sd = raw.mean(0), raw.std(0)
    Xt, Xv = _prep(data_train, mean, sd), _prep(data_val, mean, sd)
    levels = np.sort(data_train[TARGET].unique())
    yt = np.searchsorted(levels, data_train[TARGET].to_numpy()); yv = np.searchsorted(levels, data_val[TARGET].to_numpy())
    wt = np.where(data_train["field_verified"].to_numpy() == 1, config["verified_weight"], 1.0)
    K, d, h = len(levels), Xt.shape[1], config["hidden_units"]
    W = {"W1": rng.normal(0, 1 / np.sqrt(d), (d, h)), "b1": np.zeros(h),
         "W2": rng.normal(0, 1 / np.sqrt(h), (h, K)), "b2": np.zeros(K)}
    G = {k: np.zeros_like(v) for k, v in W.items()}        # Adagrad accumulators
    lr, eps, bs, lam = config["lr"], config["eps"], config["batch_size"], config["weight_decay"]
    Yt = np.eye(K)[yt]
    best, best_W, wait = np.inf, None, 0
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        perm = rng.permutation(len(Xt)); norms = []
        for s in range(0, len(Xt), bs):
            i = perm[s:s + bs]
            H, P = _forward(W, Xt[i])
            w = wt[i][:, None] / wt[i].sum()
            dZ = (P - Yt[i]) * w
            grads = {"W2": H.T @ dZ + lam * W["W2"], "b2": dZ.sum(0)}
            dH = (dZ @ W["W2"].T) * (1 - H ** 2)
            grads["W1"] = Xt[i].T @ dH + lam * W["W1"]; grads["b1"] = dH.sum(0)
            norms.append(np.sqrt(sum((g ** 2).sum() for g in grads.values())))
            for k in W:
                G[k] += grads[k] ** 2
                W[k] -= lr * grads[k] / (np.sqrt(G[k]) + eps)
        _, Pt = _forward(W, Xt); _, Pv = _forward(W, Xv)
        train_loss = float(-(wt * np.log(Pt[np.arange(len(yt)), yt] + 1e-12)).sum() / wt.sum())
        val_loss = float(-np.log(Pv[np.arange(len(yv)), yv] + 1e-12).mean())
        acc = float((Pv.argmax(1) == yv).mean())
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=acc, grad_norm=float(np.mean(norms)),
                          lr=lr, train_accuracy=float((Pt.argmax(1) == yt).mean()), time_s=time.time() - t0)
        if val_loss < best - 1e-5:
            best, best_W, wait = val_loss, {k: v.copy() for k, v in W.items()}, 0
        else:
            wait += 1
            if wait >= config["early_stopping_patience"]:
                break
        if monitor.should_stop:
            break
    return DangerModel(best_W if best_W is not None else W, mean, sd, levels)
