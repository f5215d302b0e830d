"""Ground vibration (peak particle velocity) at the nearest dwelling for quarry production blasts.

A small MLP on log distance / log charge and the blast design; the weights used for validation and
delivery are an exponential moving average of the training weights, which smooths the last epochs.
"""
import copy
import math
import numpy as np
import torch
import torch.nn as nn

TARGET = "ppv_mm_s"
EMA_DECAY = 0.998


class PPVNet(nn.Module):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, hidden):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_sd", torch.tensor(y_sd, dtype=torch.float32))
        n_in = len(x_mean)
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                  nn.Linear(hidden, 1))

    def features(self, x):
        # distance and charge act through their logarithms (scaled-distance attenuation law)
        x = torch.cat([torch.log(x[:, :2]), x[:, 2:]], dim=1)
        return (x - self.x_mean) / self.x_sd

    def log_ppv(self, x):
        return self.body(self.features(x)).squeeze(-1) * self.y_sd + self.y_mean

    def forward(self, x):  # raw columns in, mm/s out
        return torch.exp(self.log_ppv(x))


@torch.no_grad()
def ema_update(ema, net, decay):
    for pe, p in zip(ema.parameters(), net.parameters()):
        pe.mul_(decay).add_(p, alpha=1 - decay)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    z_tr = np.concatenate([np.log(x_tr[:, :2]), x_tr[:, 2:]], axis=1)
    ly_tr = np.log(y_tr)
    net = PPVNet(z_tr.mean(0), z_tr.std(0), ly_tr.mean(), ly_tr.std(), config["hidden_units"])
    ema = copy.deepcopy(net)
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    xt, yt = torch.tensor(x_tr), torch.tensor(ly_tr)
    xv, yv = torch.tensor(x_va), torch.tensor(y_va)
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        net.train()
        perm = torch.randperm(len(xt))
        total, norms = 0.0, []
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = nn.functional.mse_loss((net.log_ppv(xt[idx]) - net.y_mean) / net.y_sd,
                                          (yt[idx] - net.y_mean) / net.y_sd)
            loss.backward()
            norms.append(math.sqrt(sum(p.grad.pow(2).sum().item() for p in net.parameters())))
            opt.step()
            ema_update(ema, net, EMA_DECAY)
            total += loss.item() * len(idx)
        ema.eval()
        with torch.no_grad():
            lv = ema.log_ppv(xv)
            val_loss = nn.functional.mse_loss((lv - ema.y_mean) / ema.y_sd, (torch.log(yv) - ema.y_mean) / ema.y_sd)
            rmse = torch.sqrt(torch.mean((torch.exp(lv) - yv) ** 2))
        monitor.log_epoch(train_loss=total / len(xt), val_loss=val_loss.item(), metric=rmse.item(),
                          grad_norm=float(np.mean(norms)), lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return ema
