import numpy as np
import pandas as pd
import torch
import torch.nn as nn

TARGET = "rent_eur"
RAW = ["living_area_m2", "bedrooms", "dist_centre_km", "year_built", "floor", "has_balcony", "listing_month"]


def derive(X):
    """Engineered inputs from the raw listing columns (array in RAW order)."""
    area, beds, dist, year, floor, balcony, month = [X[:, i].astype(np.float64) for i in range(7)]
    with np.errstate(divide="ignore", invalid="ignore"):
        area_per_room = area / np.maximum(beds, 1)
    return np.column_stack([
        np.log(area),
        area_per_room,
        np.log1p(dist),
        (2024 - year) / 10.0,
        np.minimum(floor, 6),
        balcony,
        np.sin(2 * np.pi * month / 12),
        np.cos(2 * np.pi * month / 12),
    ])


class RentModel:
    def __init__(self, net, mu, sd, y_mu, y_sd):
        self.net, self.mu, self.sd, self.y_mu, self.y_sd = net, mu, sd, y_mu, y_sd

    def _inputs(self, X):
        if isinstance(X, pd.DataFrame):
            X = X[RAW].to_numpy()
        Z = (derive(np.asarray(X)) - self.mu) / self.sd
        return torch.tensor(Z, dtype=torch.float32)

    def predict(self, X):
        self.net.eval()
        with torch.no_grad():
            z = self.net(self._inputs(X)).squeeze(1).numpy()
        return z * self.y_sd + self.y_mu


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    F_tr = derive(data_train[RAW].to_numpy())
    mu, sd = F_tr.mean(axis=0), F_tr.std(axis=0)
    y = data_train[TARGET].to_numpy(np.float64)
    y_mu, y_sd = y.mean(), y.std()

    h = config["hidden_units"]
    net = nn.Sequential(nn.Linear(F_tr.shape[1], h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 1))
    model = RentModel(net, mu, sd, y_mu, y_sd)
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    loss_fn = nn.MSELoss()

    X_tr = model._inputs(data_train[RAW].to_numpy())
    y_tr = torch.tensor((y - y_mu) / y_sd, dtype=torch.float32)
    X_va = model._inputs(data_val[RAW].to_numpy())
    y_va = data_val[TARGET].to_numpy(np.float64)
    y_va_s = torch.tensor((y_va - y_mu) / y_sd, dtype=torch.float32)

    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        net.train()
        perm = torch.randperm(len(X_tr))
        total = 0.0
        for i in range(0, len(X_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(net(X_tr[idx]).squeeze(1), y_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            pv = net(X_va).squeeze(1)
            val_loss = loss_fn(pv, y_va_s).item()
        rmse = float(np.sqrt(np.mean((pv.numpy() * y_sd + y_mu - y_va) ** 2)))
        monitor.log_epoch(train_loss=total / len(X_tr), val_loss=val_loss, metric=rmse, grad_norm=net)
        if monitor.should_stop:
            break
    return model
