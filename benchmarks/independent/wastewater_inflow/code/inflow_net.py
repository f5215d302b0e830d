"""Daily inflow to the treatment works (dry-weather flow + rain-derived inflow + infiltration).

Plain torch MLP. The plant's old workstation only fits small batches, so gradients are
accumulated over several micro-batches before each optimiser step.
"""
import math
import numpy as np
import torch
import torch.nn as nn

TARGET = "inflow_ml_day"


class InflowNet(nn.Module):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, hidden):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_sd", torch.tensor(float(y_sd)))
        self.net = nn.Sequential(nn.Linear(len(x_mean), hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def scaled(self, x):
        return self.net((x - self.x_mean) / self.x_sd).squeeze(-1)

    def forward(self, x):  # raw columns in, ML/day out
        return self.scaled(x) * self.y_sd + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32)); y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32)); y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = InflowNet(x_tr.mean(0).numpy(), x_tr.std(0).numpy(), y_tr.mean(), y_tr.std(), config["hidden_units"])
    z_tr = (y_tr - model.y_mean) / model.y_sd
    z_va = (y_va - model.y_mean) / model.y_sd

    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=config["epochs"], eta_min=config["lr"] * 0.05)
    micro, accum = config["batch_size"], config["accum_steps"]
    lossf = nn.MSELoss()
    n = len(x_tr)
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(n)
        chunks = [perm[i:i + micro] for i in range(0, n, micro)]
        opt.zero_grad()
        total, gnorms = 0.0, []
        for k, idx in enumerate(chunks):
            loss = lossf(model.scaled(x_tr[idx]), z_tr[idx])
            total += loss.item() * len(idx)
            # weight each micro-batch by its share of the accumulation group
            group = chunks[(k // accum) * accum:(k // accum + 1) * accum]
            (loss * len(idx) / sum(len(c) for c in group)).backward()
            if (k + 1) % accum == 0 or k + 1 == len(chunks):
                gnorms.append(math.sqrt(sum(p.grad.pow(2).sum().item() for p in model.parameters() if p.grad is not None)))
                opt.step()
                opt.zero_grad()
        sched.step()
        model.eval()
        with torch.no_grad():
            val_loss = lossf(model.scaled(x_va), z_va).item()
            rmse = torch.sqrt(torch.mean((model(x_va) - y_va) ** 2)).item()
        monitor.log_epoch(train_loss=total / n, val_loss=val_loss, metric=rmse, grad_norm=float(np.mean(gnorms)),
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
