"""R2% wave run-up from the offshore buoy statistics, beach slope, tide and onshore wind.

A small network with two outputs per profile: the expected run-up and the log of its variance (the scatter grows
with the wave energy), fitted by the Gaussian negative log-likelihood. Predictions are the expected run-up in m.
"""
import math
import numpy as np
import torch
import torch.nn as nn

TARGET = "runup_r2_m"


class RunupNet(nn.Module):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, hidden):
        super().__init__()
        for k, v in dict(x_mean=x_mean, x_sd=x_sd, y_mean=y_mean, y_sd=y_sd).items():
            self.register_buffer(k, torch.tensor(v, dtype=torch.float32))
        self.body = nn.Sequential(nn.Linear(len(x_mean), hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU())
        self.head = nn.Linear(hidden, 2)

    def mean_logvar(self, x):  # in scaled target units
        out = self.head(self.body((x - self.x_mean) / self.x_sd))
        return out[:, 0], out[:, 1]

    def forward(self, x):  # raw inputs -> expected run-up in m
        mu, _ = self.mean_logvar(x)
        return mu * self.y_sd + self.y_mean


def gaussian_nll(mu, log_var, y):
    return 0.5 * (log_var + (y - mu) ** 2 / torch.exp(log_var) + math.log(2 * math.pi)).mean()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32)); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32)); y_va = data_val[TARGET].to_numpy(np.float32)
    model = RunupNet(x_tr.numpy().mean(0), x_tr.numpy().std(0), y_tr.mean(), y_tr.std(), config["hidden_units"])
    ys_tr = (torch.tensor(y_tr) - model.y_mean) / model.y_sd
    ys_va = (torch.tensor(y_va) - model.y_mean) / model.y_sd
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config.get("weight_decay", 0.0))
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr)); total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            mu, log_var = model.mean_logvar(x_tr[idx])
            loss = gaussian_nll(mu, log_var, ys_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            mu, log_var = model.mean_logvar(x_va)
            val_loss = gaussian_nll(mu, log_var, ys_va).item()
            rmse = torch.sqrt(torch.mean((model(x_va) - torch.tensor(y_va)) ** 2)).item()
            sigma = (torch.exp(0.5 * log_var) * model.y_sd).mean().item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=model,
                          lr=opt.param_groups[0]["lr"], mean_sigma_m=sigma)
        if monitor.should_stop:
            break
    return model
