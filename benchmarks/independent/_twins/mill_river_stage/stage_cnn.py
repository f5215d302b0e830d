import numpy as np
import torch
import torch.nn as nn

W = 14            # days of history per sample
TARGET = "stage_m"


def window_norm(w, mu, sd):
    # put every 14-day stage window on a common footing (training-period stage mean/sd)
    return (w - mu) / sd


class StageCNN(nn.Module):
    def __init__(self, y_mean, y_sd, channels=16, hidden=32):
        super().__init__()
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_sd", torch.tensor(float(y_sd)))
        self.register_buffer("s_mean", torch.tensor(float(y_mean)))
        self.register_buffer("s_sd", torch.tensor(float(y_sd)))
        self.conv = nn.Sequential(
            nn.Conv1d(2, channels, kernel_size=3, padding=1), nn.ReLU(),
            nn.Conv1d(channels, channels, kernel_size=3, padding=1), nn.ReLU(),
        )
        self.head = nn.Sequential(nn.Linear(channels * W, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x):
        stage = window_norm(x[:, :W], self.s_mean, self.s_sd)                    # stage_lag14 ... stage_lag1
        rain = torch.log1p(x[:, W:2 * W]) / 2.0          # rain_lag13 ... rain_today
        z = torch.stack([stage, rain], dim=1)            # (batch, 2, W)
        h = self.conv(z).flatten(1)
        return self.y_mean + self.y_sd * self.head(h).squeeze(-1)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    xt = torch.tensor(data_train[feats].to_numpy(np.float32))
    yt = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    xv = torch.tensor(data_val[feats].to_numpy(np.float32))
    yv = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = StageCNN(yt.mean(), yt.std(), config["channels"], config["hidden_units"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    loss_fn = nn.MSELoss()
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn((model(xt[idx]) - model.y_mean) / model.y_sd, (yt[idx] - model.y_mean) / model.y_sd)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            pv = model(xv)
            val_loss = loss_fn((pv - model.y_mean) / model.y_sd, (yv - model.y_mean) / model.y_sd).item()
            rmse = torch.sqrt(torch.mean((pv - yv) ** 2)).item()
        monitor.log_epoch(train_loss=total / len(xt), val_loss=val_loss, metric=rmse, grad_norm=model)
        if monitor.should_stop:
            break
    return model
