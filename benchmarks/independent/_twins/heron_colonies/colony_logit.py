import numpy as np

TARGET = "occupied"


def features(df):
    # area and visitor numbers are strongly skewed: use them on a log scale
    return np.column_stack([
        np.log(df["wetland_ha"].to_numpy(float)),
        df["road_dist_km"].to_numpy(float),
        df["fish_kg_ha"].to_numpy(float),
        df["canopy_m"].to_numpy(float),
        np.log1p(df["visitors_week"].to_numpy(float)),
    ])


class OccupancyModel:
    def __init__(self, mu, sd, w, b):
        self.mu, self.sd, self.w, self.b = mu, sd, w, b

    def prob(self, X):
        z = (X - self.mu) / self.sd
        return 1.0 / (1.0 + np.exp(-(z @ self.w + self.b)))

    def predict(self, X):
        if hasattr(X, "columns"):
            X = features(X)
        else:
            X = features_from_array(np.asarray(X, float))
        return (self.prob(X) >= 0.5).astype(int)


def features_from_array(A):
    # raw CSV column order: wetland_ha, road_dist_km, fish_kg_ha, canopy_m, visitors_week
    return np.column_stack([np.log(A[:, 0]), A[:, 1], A[:, 2], A[:, 3], np.log1p(A[:, 4])])


def log_loss(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def train_model(data_train, data_val, config, monitor):
    X = features(data_train); y = data_train[TARGET].to_numpy(float)
    Xv = features(data_val); yv = data_val[TARGET].to_numpy(float)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    Z = (X - mu) / sd
    n, k = Z.shape
    w = np.zeros(k); b = 0.0
    lr = config["lr"]; lam = config["weight_decay"]
    model = OccupancyModel(mu, sd, w, b)
    for epoch in range(config["epochs"]):
        p = 1.0 / (1.0 + np.exp(-(Z @ w + b)))
        grad_w = Z.T @ (p - y) / n + lam * w
        grad_b = np.mean(p - y)
        w = w - lr * grad_w
        b = b - lr * grad_b
        model = OccupancyModel(mu, sd, w, b)
        pv = model.prob(Xv)
        monitor.log_epoch(train_loss=log_loss(model.prob(X), y), val_loss=log_loss(pv, yv),
                          metric=float(np.mean((pv >= 0.5) == yv)),
                          grad_norm=float(np.sqrt(np.sum(grad_w ** 2) + grad_b ** 2)), lr=lr)
        if monitor.should_stop:
            break
    return model
