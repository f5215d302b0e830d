import numpy as np
import pandas as pd
import torch
import torch.nn as nn

TARGET = "do_dawn_mgL"
COLUMNS = ["day_of_season", "pond_id", "water_temp_C", "feed_kg_ha", "aerator_h", "cloud_frac"]   # CSV order
DRIVERS = ["water_temp_C", "feed_kg_ha", "aerator_h", "cloud_frac"]


class PondOxygenNet(nn.Module):
    """dawn oxygen = the pond's own mean level + a network of the day's drivers"""

    def __init__(self, pond_means, mu, sd, hidden):
        super().__init__()
        self.register_buffer("pond_level", torch.tensor(pond_means, dtype=torch.float32))
        self.register_buffer("mu", torch.tensor(mu, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(len(DRIVERS), hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        self.idx = [COLUMNS.index(c) for c in DRIVERS]

    def deviation(self, x):
        return self.net((x[:, self.idx] - self.mu) / self.sd).squeeze(1)

    def forward(self, x):
        pond = x[:, COLUMNS.index("pond_id")].long() - 1
        return self.pond_level[pond] + self.deviation(x)


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    # each pond has its own oxygen level (depth, plankton bloom): the network learns the deviation from it
    pond_means = data_train.groupby("pond_id")[TARGET].mean().sort_index()
    dev = data_train.groupby("pond_id")[TARGET].transform(lambda s: s - s.mean())

    x_tr = torch.tensor(data_train[COLUMNS].to_numpy(np.float32))
    d_tr = torch.tensor(dev.to_numpy(np.float32))
    x_va = torch.tensor(data_val[COLUMNS].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))

    mu = data_train[DRIVERS].mean().to_numpy()
    sd = data_train[DRIVERS].std().to_numpy()
    model = PondOxygenNet(pond_means.to_numpy(), mu, sd, config["hidden_units"])
    opt = torch.optim.Adam(model.net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    lossf = nn.MSELoss()
    bs, epochs = config["batch_size"], config["epochs"]

    history = np.zeros(epochs, dtype=[("epoch", "i4"), ("train_loss", "f8"), ("val_loss", "f8"), ("metric", "f8")])
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = lossf(model.deviation(x_tr[idx]), d_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            val_mse = lossf(model(x_va), y_va).item()
        history[epoch] = (epoch + 1, total / len(x_tr), val_mse, val_mse ** 0.5)
    return model, history
