"""Outlet moisture of the mixed-flow maize dryer with a 10-90 % band.

One network gives the median and two non-negative offsets (softplus) to the 10 % and 90 % quantiles, trained with
the pinball loss; Adam with a linear warm-up then a cosine decay of the learning rate, stepped every batch.
The returned predictor answers the median outlet moisture (% wet basis); predict_band() gives the band.
"""
import math
import time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TARGET = "outlet_moisture_pct"
QUANTILES = (0.1, 0.5, 0.9)


class QuantileNet(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU())
        self.head = nn.Linear(hidden, 3)

    def forward(self, z):  # scaled inputs -> (n, 3) scaled quantiles, non-crossing by construction
        h = self.head(self.body(z))
        med = h[:, 1]
        return torch.stack([med - F.softplus(h[:, 0]), med, med + F.softplus(h[:, 2])], dim=1)


def pinball(q_pred, y):
    tau = torch.tensor(QUANTILES, dtype=q_pred.dtype)
    diff = y.unsqueeze(1) - q_pred
    return torch.maximum(tau * diff, (tau - 1) * diff).mean()


class DryerModel:
    def __init__(self, net, feats, x_mean, x_sd, y_mean, y_sd):
        self.net, self.feats = net, feats
        self.x_mean, self.x_sd, self.y_mean, self.y_sd = x_mean, x_sd, y_mean, y_sd

    def predict_band(self, X):
        X = np.asarray(X, dtype=np.float32)
        self.net.eval()
        with torch.no_grad():
            q = self.net(torch.tensor((X - self.x_mean) / self.x_sd)).numpy()
        return q * self.y_sd + self.y_mean

    def predict(self, X):
        return self.predict_band(X)[:, 1]


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    x_mean, x_sd = x_tr.mean(0), x_tr.std(0)
    y_mean, y_sd = float(y_tr.mean()), float(y_tr.std())
    zx_tr = torch.tensor((x_tr - x_mean) / x_sd); zy_tr = torch.tensor((y_tr - y_mean) / y_sd)
    zx_va = torch.tensor((x_va - x_mean) / x_sd); zy_va = torch.tensor((y_va - y_mean) / y_sd)
    net = QuantileNet(len(feats), config["hidden_units"])
    model = DryerModel(net, feats, x_mean, x_sd, y_mean, y_sd)
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config.get("weight_decay", 0.0))
    bs, epochs = config["batch_size"], config["epochs"]
    steps_per_epoch = math.ceil(len(x_tr) / bs)
    warm, total = config["warmup_epochs"] * steps_per_epoch, epochs * steps_per_epoch

    def lr_factor(step):
        if step < warm:
            return (step + 1) / warm
        return 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    hist = {k: [] for k in ("epoch", "train_loss", "val_loss", "metric", "grad_norm", "lr", "band_coverage", "time_s")}
    t0 = time.time()
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(len(zx_tr)); tot = 0.0; gn = 0.0
        for i in range(0, len(zx_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = pinball(net(zx_tr[idx]), zy_tr[idx])
            loss.backward()
            gn = math.sqrt(sum(float(p.grad.pow(2).sum()) for p in net.parameters() if p.grad is not None))
            opt.step()
            sched.step()
            tot += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            q_va = net(zx_va)
            val_loss = pinball(q_va, zy_va).item()
        band = q_va.numpy() * y_sd + y_mean
        rmse = float(np.sqrt(np.mean((band[:, 1] - y_va) ** 2)))
        cover = float(np.mean((y_va >= band[:, 0]) & (y_va <= band[:, 2])))
        for k, v in zip(hist, (epoch + 1, tot / len(zx_tr), val_loss, rmse, gn, opt.param_groups[0]["lr"], cover,
                               time.time() - t0)):
            hist[k].append(v)
    return model, hist
