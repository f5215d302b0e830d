"""Next-day river discharge from the last week of rainfall and discharge, a small GRU."""
import numpy as np
import torch
from torch import nn

TARGET = "discharge_m3s"
LAGS = 7


class DischargeGRU(nn.Module):
    def __init__(self, rain_cols, q_cols, mean, std, hidden, y_mean=0.0, y_std=1.0):
        super().__init__()
        self.rain_cols, self.q_cols = rain_cols, q_cols
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.gru = nn.GRU(2, hidden, batch_first=True)
        self.skip = nn.Linear(len(rain_cols) + len(q_cols), 1)
        self.head = nn.Linear(hidden, 1)
        self.register_buffer("y_mean", torch.tensor(y_mean)); self.register_buffer("y_std", torch.tensor(y_std))

    def forward(self, x):
        x = (x - self.mean) / self.std
        # columns: rain lag0..lag6, discharge lag1..lag7 -> sequence oldest first
        rain = x[:, self.rain_cols].flip(1)
        q = x[:, self.q_cols].flip(1)
        seq = torch.stack([rain, q], dim=2)
        _, h = self.gru(seq)
        return (self.head(h[-1]) + self.skip(x)).squeeze(1) * self.y_std + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    rain_cols = [feats.index(f"rain_mm_lag{k}") for k in range(LAGS)]
    q_cols = [feats.index(f"discharge_lag{k}") for k in range(1, LAGS + 1)]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = DischargeGRU(rain_cols, q_cols, x_tr.mean(0).numpy(), x_tr.std(0).numpy() + 1e-6,
                         int(config["hidden_units"]), float(y_tr.mean()), float(y_tr.std()))
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]))
    loss_fn = nn.MSELoss()
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
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss,
                          metric=float(torch.sqrt(((pred - y_va) ** 2).mean())), grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
