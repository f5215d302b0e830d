import copy
import numpy as np
import torch
import torch.nn as nn

TARGET = "parcels"


class HubNet(nn.Module):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, n_in, hidden):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_sd", torch.tensor(float(y_sd)))
        self.body = nn.Sequential(
            nn.Linear(n_in + 2, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def scaled(self, x):
        angle = 2 * np.pi * x[:, 14:15] / 7.0                             # day_of_week on the weekly circle
        z = (x - self.x_mean) / self.x_sd
        return self.body(torch.cat([z, torch.sin(angle), torch.cos(angle)], dim=1)).squeeze(-1)

    def forward(self, x):
        return self.y_mean + self.y_sd * self.scaled(x)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    Xtr = data_train[feats].to_numpy(np.float32)
    ytr = data_train[TARGET].to_numpy(np.float32)
    xt, yt = torch.tensor(Xtr), torch.tensor(ytr)
    xv = torch.tensor(data_val[feats].to_numpy(np.float32))
    yv = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = HubNet(Xtr.mean(0), Xtr.std(0) + 1e-6, ytr.mean(), ytr.std(), len(feats), config["hidden_units"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    loss_fn = nn.MSELoss()
    zt = (yt - model.y_mean) / model.y_sd
    zv = (yv - model.y_mean) / model.y_sd
    bs = config["batch_size"]
    best, best_state, waited = float("inf"), None, 0
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model.scaled(xt[idx]), zt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            sv = model.scaled(xv)
            val_loss = loss_fn(sv, zv).item()
            rmse = (torch.sqrt(torch.mean((sv - zv) ** 2)) * model.y_sd).item()
        monitor.log_epoch(train_loss=total / len(xt), val_loss=val_loss, metric=rmse, grad_norm=model,
                          lr=config["lr"])
        if val_loss < best:
            best, best_state, waited = val_loss, copy.deepcopy(model.state_dict()), 0
        else:
            waited += 1
            if waited >= config["early_stopping_patience"]:
                break
        if monitor.should_stop:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    return model
