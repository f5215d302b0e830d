"""Polypropylene share of PE/PP flake batches from their NIR reflectance spectrum (48 bands, raw counts)."""
import numpy as np
import torch
import torch.nn as nn

TARGET = "pp_pct"


class SpectrumCNN(nn.Module):
    def __init__(self, n_bands, channels, y_mean, y_sd, dropout):
        super().__init__()
        self.inp_norm = nn.BatchNorm1d(n_bands)          # per-band scaling of the detector counts
        self.conv = nn.Sequential(
            nn.Conv1d(1, channels, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(channels, 2 * channels, kernel_size=5, padding=2), nn.ReLU(), nn.AdaptiveAvgPool1d(6),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(12 * channels, 64), nn.ReLU(), nn.Dropout(dropout),
                                  nn.Linear(64, 1))
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_sd", torch.tensor(float(y_sd)))

    def forward(self, x):
        z = self.inp_norm(x).unsqueeze(1)
        return self.y_mean + self.y_sd * self.head(self.conv(z)).squeeze(-1)


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(x)
    return float(torch.sqrt(torch.mean((pred - y) ** 2)))


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    bands = [c for c in data_train.columns if c.startswith("nir_")]
    x_tr = torch.tensor(data_train[bands].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[bands].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))

    model = SpectrumCNN(len(bands), config["channels"], y_tr.mean(), y_tr.std(), config["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]

    model.train()
    print(f"epoch 0 (untrained) val rmse {evaluate(model, x_va, y_va):.3f}")
    for epoch in range(1, config["epochs"] + 1):
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = torch.mean(((model(x_tr[idx]) - y_tr[idx]) / model.y_sd) ** 2)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        val_rmse = evaluate(model, x_va, y_va)
        val_loss = (val_rmse / float(model.y_sd)) ** 2
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=val_rmse, grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
