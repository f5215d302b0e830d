import math
import numpy as np
import torch
import torch.nn as nn

# columns of the CSV, in order (the target removed)
FEATURES = ["site_code", "day_of_week", "public_holiday", "temp_C", "event_nearby"]


class TowerNet(nn.Module):
    """Per-site embedding (site codes hashed into a fixed number of rows, so that a site added
    to the network later still gets a row) joined with the calendar and weather inputs."""

    def __init__(self, n_buckets, emb_dim, hidden, y_mu, y_sd):
        super().__init__()
        self.n_buckets = n_buckets
        self.site = nn.Embedding(n_buckets, emb_dim)
        self.body = nn.Sequential(
            nn.Linear(emb_dim + 5, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )
        self.register_buffer("y_mu", torch.tensor(float(y_mu)))
        self.register_buffer("y_sd", torch.tensor(float(y_sd)))

    def forward(self, x):
        idx = x[:, 0].long() % self.n_buckets
        dow = x[:, 1]
        num = torch.stack([
            torch.sin(2 * math.pi * dow / 7), torch.cos(2 * math.pi * dow / 7),
            x[:, 2], (x[:, 3] - 14.0) / 6.0, x[:, 4],
        ], dim=1)
        h = torch.cat([self.site(idx), num], dim=1)
        return (self.y_mu + self.y_sd * self.body(h)).squeeze(1)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    Xtr = torch.tensor(data_train[FEATURES].to_numpy(np.float32))
    ytr = torch.tensor(data_train["traffic_GB"].to_numpy(np.float32))
    Xva = torch.tensor(data_val[FEATURES].to_numpy(np.float32))
    yva = torch.tensor(data_val["traffic_GB"].to_numpy(np.float32))
    y_mu, y_sd = float(ytr.mean()), float(ytr.std())

    model = TowerNet(config["n_buckets"], config["emb_dim"], config["hidden_units"], y_mu, y_sd)
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(Xtr))
        total = 0.0
        for i in range(0, len(Xtr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = (((model(Xtr[idx]) - ytr[idx]) / y_sd) ** 2).mean()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            pv = model(Xva)
            val_loss = (((pv - yva) / y_sd) ** 2).mean().item()
            rmse = torch.sqrt(((pv - yva) ** 2).mean()).item()
        monitor.log_epoch(train_loss=total / len(Xtr), val_loss=val_loss, metric=rmse, grad_norm=model)
        if monitor.should_stop:
            break
    return model
