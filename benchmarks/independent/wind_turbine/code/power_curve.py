"""Learned power curve of a 3.6 MW wind turbine from SCADA 10-minute averages."""
import numpy as np
import torch
from torch import nn

TARGET = "power_MW"


class PowerCurve(nn.Module):
    def __init__(self, mean, std, hidden):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.body = nn.Sequential(
            nn.Linear(len(mean), hidden), nn.Tanh(),
            nn.Linear(hidden, hidden), nn.Tanh(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.body((x - self.mean) / self.std).squeeze(-1)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))

    model = PowerCurve(x_tr.mean(0), x_tr.std(0), int(config["hidden_units"]))
    opt = torch.optim.SGD(model.parameters(), lr=float(config["lr"]),
                          momentum=float(config["momentum"]))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])

    for epoch in range(int(config["epochs"])):
        model.train()
        perm = torch.randperm(len(x_tr))
        running = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            pred = model(x_tr[idx])
            loss = loss_fn(pred, y_tr[idx])
            loss.backward()
            if config.get("clip_grad_norm"):
                nn.utils.clip_grad_norm_(model.parameters(), float(config["clip_grad_norm"]))
            opt.step()
            running += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            pv = model(x_va)
            val_loss = loss_fn(pv, y_va).item()
            rmse = float(torch.sqrt(torch.mean((pv - y_va) ** 2)))
        monitor.log_epoch(train_loss=running / len(x_tr), val_loss=val_loss, metric=rmse,
                          grad_norm=model, lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
