"""Root-zone soil moisture from two weeks of rainfall and reference evapotranspiration, a 1-D CNN."""
import numpy as np
import torch
from torch import nn

TARGET = "soil_moisture_pct"
LAGS = 14


class MoistureCNN(nn.Module):
    def __init__(self, idx_rain, idx_et, idx_prev, x_mean, x_std, y_mean, y_std, channels, dropout):
        super().__init__()
        self.idx_rain, self.idx_et, self.idx_prev = idx_rain, idx_et, idx_prev
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_std", torch.tensor(x_std, dtype=torch.float32))
        self.y_mean, self.y_std = float(y_mean), float(y_std)
        self.conv = nn.Sequential(
            nn.Conv1d(2, channels, 3, padding=1), nn.ReLU(),
            nn.Conv1d(channels, channels, 3, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Dropout(dropout))
        self.head = nn.Sequential(nn.Linear(channels + 1, channels), nn.ReLU(), nn.Linear(channels, 1))

    def forward_scaled(self, x):
        z = (x - self.x_mean) / self.x_std
        seq = torch.stack([z[:, self.idx_rain], z[:, self.idx_et]], dim=1).flip(2)   # oldest day first
        feat = torch.cat([self.conv(seq), z[:, self.idx_prev].unsqueeze(1)], dim=1)
        return self.head(feat).squeeze(1)

    def forward(self, x):
        return self.forward_scaled(x) * self.y_std + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    idx_rain = [feats.index(f"rain_mm_lag{k}") for k in range(LAGS)]
    idx_et = [feats.index(f"et0_mm_lag{k}") for k in range(LAGS)]
    idx_prev = feats.index("sm_yesterday_pct")
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = MoistureCNN(idx_rain, idx_et, idx_prev, x_tr.mean(0).numpy(), x_tr.std(0).numpy() + 1e-6,
                        y_tr.mean(), y_tr.std(), int(config["channels"]), float(config["dropout"]))
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]),
                           weight_decay=float(config["weight_decay"]))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])
    z_tr = (y_tr - model.y_mean) / model.y_std
    for epoch in range(int(config["epochs"])):
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
            pred = model(x_va)
            val_loss = loss_fn((pred - model.y_mean) / model.y_std, (y_va - model.y_mean) / model.y_std).item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss,
                          metric=float(torch.sqrt(((pred - y_va) ** 2).mean())), grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
