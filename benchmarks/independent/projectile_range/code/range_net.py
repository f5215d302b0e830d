"""Surrogate for the range of a projectile with air drag (trained on simulated + measured throws)."""
import time
import numpy as np
import pandas as pd
import torch
from torch import nn

TARGET = "range_m"


class RangeNet(nn.Module):
    """Takes raw features, answers in metres."""

    def __init__(self, x_mean, x_std, y_mean, y_std, hidden, depth):
        super().__init__()
        for name, v in dict(x_mean=x_mean, x_std=x_std, y_mean=y_mean, y_std=y_std).items():
            self.register_buffer(name, torch.as_tensor(v, dtype=torch.float32))
        layers, d = [], len(x_mean)
        for _ in range(depth):
            layers += [nn.Linear(d, hidden), nn.SiLU()]
            d = hidden
        layers.append(nn.Linear(d, 1))
        self.mlp = nn.Sequential(*layers)

    def forward_scaled(self, x):
        return self.mlp((x - self.x_mean) / self.x_std).squeeze(-1)

    def forward(self, x):
        return self.forward_scaled(x) * self.y_std + self.y_mean


def train_model(data_train, data_val, config):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))

    model = RangeNet(x_tr.mean(0), x_tr.std(0), y_tr.mean(), y_tr.std(),
                     int(config["hidden_units"]), int(config["n_layers"]))
    z_tr = (y_tr - model.y_mean) / model.y_std
    z_va = (y_va - model.y_mean) / model.y_std
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]),
                           weight_decay=float(config["weight_decay"]))
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=5, min_lr=1e-5)
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])

    rows = []
    for epoch in range(1, int(config["epochs"]) + 1):
        t0 = time.time()
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model.forward_scaled(x_tr[idx]), z_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            zv = model.forward_scaled(x_va)
            val_loss = loss_fn(zv, z_va).item()
            rmse = float(torch.sqrt(torch.mean((zv * model.y_std + model.y_mean - y_va) ** 2)))
        plateau.step(val_loss)
        rows.append(dict(epoch=epoch, train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse,
                         time_s=time.time() - t0, lr=opt.param_groups[0]["lr"]))
    return model, pd.DataFrame(rows)
