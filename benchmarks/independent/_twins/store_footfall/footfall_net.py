"""Daily door-counter footfall of a high-street store from weather, calendar and promotion days (torch MLP)."""
import numpy as np
import torch
from torch import nn

TARGET = "footfall"
FEATURES = ["mean_temp_C", "rain_mm", "weekend", "school_holiday", "promo_day"]


def standardise(x, mean, std):
    return ((np.asarray(x, dtype=np.float32) - mean) / std).astype(np.float32)


class FootfallModel:
    """What the forecasting job loads: raw feature rows in, visitors/day out."""

    def __init__(self, net, x_mean, x_std, y_mean, y_std):
        self.net, self.x_mean, self.x_std, self.y_mean, self.y_std = net, x_mean, x_std, y_mean, y_std

    def predict(self, X):
        if hasattr(X, "columns"):
            X = X[FEATURES]
        self.net.eval()
        with torch.no_grad():
            z = self.net(torch.from_numpy(standardise(X, self.x_mean, self.x_std))).squeeze(1).numpy()
        return z * self.y_std + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    raw_tr = data_train[FEATURES].to_numpy(np.float32)
    x_mean, x_std = raw_tr.mean(axis=0), raw_tr.std(axis=0) + 1e-6
    x_tr = torch.from_numpy(standardise(raw_tr, x_mean, x_std))
    x_va = torch.from_numpy(standardise(data_val[FEATURES], x_mean, x_std))
    y_tr = data_train[TARGET].to_numpy(np.float32)
    y_va = data_val[TARGET].to_numpy(np.float32)
    y_mean, y_std = float(y_tr.mean()), float(y_tr.std())
    z_tr = torch.from_numpy((y_tr - y_mean) / y_std)
    z_va = torch.from_numpy((y_va - y_mean) / y_std)

    h = int(config["hidden_units"])
    net = nn.Sequential(nn.Linear(len(FEATURES), h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 1))
    opt = torch.optim.Adam(net.parameters(), lr=float(config["lr"]), weight_decay=float(config.get("weight_decay", 0.0)))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])
    for epoch in range(int(config["epochs"])):
        net.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(net(x_tr[idx]).squeeze(1), z_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            out = net(x_va).squeeze(1)
            val_loss = loss_fn(out, z_va).item()
            rmse = float(torch.sqrt(((out * y_std + y_mean - torch.from_numpy(y_va)) ** 2).mean()))
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse)
        if monitor.should_stop:
            break
    return FootfallModel(net, x_mean, x_std, y_mean, y_std)
