import numpy as np
import torch
import torch.nn as nn

FEATURES = ["level_lag1_m", "level_lag2_m", "level_lag7_m", "rain_mm", "rain_3d_mm", "et0_mm", "abstraction_ml"]
TARGET = "level_m"


class LevelNet(nn.Module):
    """Groundwater level forecast from the previous days' levels, rain, evaporation and pumping."""

    def __init__(self, x_mean, x_sd, d_mean, d_sd, hidden):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("d_mean", torch.tensor(d_mean, dtype=torch.float32))
        self.register_buffer("d_sd", torch.tensor(d_sd, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(len(FEATURES), hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, x):
        z = (x - self.x_mean) / self.x_sd
        return self.net(z).squeeze(-1) * self.d_sd + self.d_mean


def _arrays(df):
    x = torch.tensor(df[FEATURES].to_numpy(np.float32))
    # work on the daily change of the level: the level itself wanders, its change does not
    d = torch.tensor((df[TARGET] - df["level_lag1_m"]).to_numpy(np.float32))
    return x, d


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    x_tr, d_tr = _arrays(data_train)
    x_va, d_va = _arrays(data_val)
    model = LevelNet(x_tr.mean(0).numpy(), x_tr.std(0).numpy(), float(d_tr.mean()), float(d_tr.std()),
                     config["hidden_units"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    d_var = float(d_tr.var())
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = nn.functional.mse_loss(model(x_tr[idx]), d_tr[idx]) / d_var
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            mse = nn.functional.mse_loss(model(x_va), d_va).item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=mse / d_var, metric=mse ** 0.5, grad_norm=model)
        if monitor.should_stop:
            break
    return model
