"""Glucose 30 minutes ahead from the last 100 CGM readings (5-min spacing), LSTM over the sequence."""
import math
import numpy as np
import torch
from torch import nn

TARGET = "glucose_plus30min"
G_CENTRE, G_SCALE = 140.0, 40.0       # mg/dL -> network units


class GlucoseLSTM(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward_scaled(self, x):
        z = (x - G_CENTRE) / G_SCALE                       # oldest reading first
        out, _ = self.lstm(z.unsqueeze(2))
        return z[:, -1] + self.head(out[:, -1]).squeeze(1)   # change from the last reading

    def forward(self, x):
        return self.forward_scaled(x) * G_SCALE + G_CENTRE


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    cols = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[cols].to_numpy(np.float32))
    z_tr = torch.tensor((data_train[TARGET].to_numpy(np.float32) - G_CENTRE) / G_SCALE)
    x_va = torch.tensor(data_val[cols].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    model = GlucoseLSTM(int(config["hidden_units"]))
    opt = torch.optim.SGD(model.parameters(), lr=float(config["lr"]), momentum=float(config["momentum"]))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])
    clip = float(config.get("clip_grad_norm", 0.0))
    for epoch in range(int(config["epochs"])):
        model.train()
        perm = torch.randperm(len(x_tr))
        total, largest = 0.0, 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model.forward_scaled(x_tr[idx]), z_tr[idx])
            loss.backward()
            norm = math.sqrt(sum(float(p.grad.pow(2).sum()) for p in model.parameters() if p.grad is not None))
            if clip > 0:
                nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
            total += loss.item() * len(idx)
            largest = max(largest, norm)
        model.eval()
        with torch.no_grad():
            pred = model(x_va)
            val_loss = loss_fn((pred - G_CENTRE) / G_SCALE, (y_va - G_CENTRE) / G_SCALE).item()
            rmse = float(torch.sqrt(((pred - y_va) ** 2).mean()))
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=largest,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
