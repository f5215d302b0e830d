import math
import numpy as np
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR

LAGS = [f"veh_lag_{k}h" for k in range(24, 0, -1)]     # oldest first
TARGET = "veh_next_hour"


class FlowTransformer(nn.Module):
    """24 hourly counts as a sequence of tokens -> count in the next hour."""

    def __init__(self, mean, std, d_model, n_heads, n_layers, ff_units, dropout):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.embed = nn.Linear(1, d_model)
        self.pos = nn.Parameter(torch.zeros(1, len(LAGS), d_model))
        layer = nn.TransformerEncoderLayer(d_model, n_heads, ff_units, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers, enable_nested_tensor=False)
        self.head = nn.Sequential(nn.Linear(d_model + 3, d_model), nn.ReLU(), nn.Linear(d_model, 1))

    def forward(self, x):
        seq = (x[:, :len(LAGS)] - self.mean) / self.std
        hour = x[:, len(LAGS)]
        weekend = x[:, len(LAGS) + 1]
        z = self.encoder(self.embed(seq.unsqueeze(-1)) + self.pos)
        cal = torch.stack([torch.sin(2 * math.pi * hour / 24), torch.cos(2 * math.pi * hour / 24), weekend], dim=1)
        out = self.head(torch.cat([z[:, -1], cal], dim=1)).squeeze(-1)
        return out * self.std + self.mean


def _arrays(df):
    x = df[LAGS + ["hour_of_day", "weekend"]].to_numpy(np.float32)
    return torch.from_numpy(x), torch.from_numpy(df[TARGET].to_numpy(np.float32))


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    x_tr, y_tr = _arrays(data_train)
    x_va, y_va = _arrays(data_val)
    mean, std = float(x_tr[:, :len(LAGS)].mean()), float(x_tr[:, :len(LAGS)].std())
    model = FlowTransformer(mean, std, config["d_model"], config["n_heads"], config["n_layers"],
                            config["ff_units"], config["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    steps_per_epoch = math.ceil(len(x_tr) / bs)
    warmup_steps = max(1, config["warmup_epochs"] * steps_per_epoch)
    sched = LambdaLR(opt, lambda step: min(1.0, (step + 1) / warmup_steps))
    scale = std ** 2
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = nn.functional.mse_loss(model(x_tr[idx]), y_tr[idx]) / scale
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config["clip_grad_norm"])
            opt.step()
            total += loss.item() * len(idx)
        sched.step()
        model.eval()
        with torch.no_grad():
            pred = model(x_va)
            val_loss = nn.functional.mse_loss(pred, y_va).item() / scale
            rmse = torch.sqrt(nn.functional.mse_loss(pred, y_va)).item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
