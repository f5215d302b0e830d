"""Hourly promenade footfall: GRU over the last 24 hourly counts + calendar/weather, Poisson count model."""
import math
import numpy as np
import torch
from torch import nn

TARGET = "pedestrians"
N_LAG = 24
EXOG = ["hour_sin", "hour_cos", "weekend", "temp_c", "rain_mm"]


class FootfallGRU(nn.Module):
    def __init__(self, hidden, ex_mu, ex_sd, y_scale):
        super().__init__()
        self.register_buffer("y_scale", torch.tensor(float(y_scale)))
        self.register_buffer("ex_mu", torch.tensor(ex_mu, dtype=torch.float32))
        self.register_buffer("ex_sd", torch.tensor(ex_sd, dtype=torch.float32))
        self.gru = nn.GRU(1, hidden, batch_first=True)
        self.head = nn.Sequential(nn.Linear(hidden + len(EXOG), hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.rate = nn.Softplus()

    def forward(self, x):
        lags = torch.log1p(x[:, :N_LAG]) / 6.0              # counts, oldest first
        ex = (x[:, N_LAG:] - self.ex_mu) / self.ex_sd
        _, h = self.gru(lags.unsqueeze(2))
        z = torch.cat([h[-1], ex], dim=1)
        return self.rate(self.head(z)).squeeze(1) * self.y_scale   # expected pedestrians this hour


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    cols = [f"count_lag{k}" for k in range(N_LAG, 0, -1)] + EXOG
    x_tr = torch.tensor(data_train[cols].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[cols].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    ex = data_train[EXOG].to_numpy(np.float64)
    model = FootfallGRU(int(config["hidden_units"]), ex.mean(0), ex.std(0) + 1e-6,
                         data_train[TARGET].mean())
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]), weight_decay=float(config.get("weight_decay", 0.0)))
    loss_fn = nn.PoissonNLLLoss()
    bs = int(config["batch_size"])
    for epoch in range(int(config["epochs"])):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(x_tr[idx]), y_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            pred = model(x_va)
            val_loss = loss_fn(pred, y_va).item()
            rmse = float(torch.sqrt(((pred - y_va) ** 2).mean()))
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
