"""Next-hour sea level at a harbour gauge from the last 12 hours of levels, onshore wind and pressure, LSTM."""
import numpy as np
import torch
from torch import nn

TARGET = "level_m"
LAGS = 12


class TideLSTM(nn.Module):
    def __init__(self, idx_level, idx_static, x_mean, x_std, y_mean, y_std, hidden):
        super().__init__()
        self.idx_level, self.idx_static = idx_level, idx_static
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_std", torch.tensor(x_std, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_std", torch.tensor(float(y_std)))
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Sequential(nn.Linear(hidden + len(idx_static), hidden), nn.Tanh(), nn.Linear(hidden, 1))
        self.ar = nn.Linear(len(idx_level) + len(idx_static), 1)      # autoregressive path beside the LSTM

    def forward_scaled(self, x):
        z = (x - self.x_mean) / self.x_std
        seq = z[:, self.idx_level].flip(1).unsqueeze(2)          # oldest hour first
        _, (h, _) = self.lstm(seq)
        return (self.head(torch.cat([h[-1], z[:, self.idx_static]], dim=1))
                + self.ar(z[:, self.idx_level + self.idx_static])).squeeze(1)

    def forward(self, x):
        # the network predicts the hour-on-hour change, scaled
        return x[:, self.idx_level[0]] + self.forward_scaled(x) * self.y_std + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    idx_level = [feats.index(f"level_m_lag{k}") for k in range(1, LAGS + 1)]
    idx_static = [i for i in range(len(feats)) if i not in idx_level]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    d_tr = y_tr - x_tr[:, idx_level[0]]
    model = TideLSTM(idx_level, idx_static, x_tr.mean(0).numpy(), x_tr.std(0).numpy() + 1e-6,
                     d_tr.mean(), d_tr.std(), int(config["hidden_units"]))
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]))
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=int(config["epochs"]))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])
    z_tr = (d_tr - model.y_mean) / model.y_std
    z_va = (y_va - x_va[:, idx_level[0]] - model.y_mean) / model.y_std
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
        lr_now = opt.param_groups[0]["lr"]
        sched.step()
        model.eval()
        with torch.no_grad():
            out = model.forward_scaled(x_va)
            val_loss = loss_fn(out, z_va).item()
            rmse = float(torch.sqrt(((model(x_va) - y_va) ** 2).mean()))
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=model, lr=lr_now)
        if monitor.should_stop:
            break
    return model
