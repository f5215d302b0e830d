"""Daily energy of the compressed-air station: a small MLP on the production and weather drivers."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler

TARGET = "energy_kWh"
FEATURES = ["bottles_k", "shifts", "ambient_temp_C", "setpoint_bar", "days_since_leak_survey"]


def clean(df, scaler):
    """Drop the historian's repeated records and scale the drivers."""
    df = df.drop_duplicates()
    out = pd.DataFrame(scaler.transform(df[FEATURES]), columns=FEATURES)
    out[TARGET] = df[TARGET].to_numpy()
    return out.dropna()


class AirModel:
    def __init__(self, net, scaler, y_mu, y_sd):
        self.net, self.scaler, self.y_mu, self.y_sd = net, scaler, y_mu, y_sd

    def predict(self, X):
        X = pd.DataFrame(np.asarray(X, dtype=float), columns=FEATURES)
        xs = torch.tensor(self.scaler.transform(X), dtype=torch.float32)
        self.net.eval()
        with torch.no_grad():
            return self.net(xs).squeeze(1).numpy() * self.y_sd + self.y_mu


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    scaler = StandardScaler().fit(data_train[FEATURES].drop_duplicates())
    tr, va = clean(data_train, scaler), clean(data_val, scaler)
    y_mu, y_sd = tr[TARGET].mean(), tr[TARGET].std()
    x_tr = torch.tensor(tr[FEATURES].to_numpy(), dtype=torch.float32)
    y_tr = torch.tensor(((tr[TARGET] - y_mu) / y_sd).to_numpy(), dtype=torch.float32)
    x_va = torch.tensor(va[FEATURES].to_numpy(), dtype=torch.float32)
    y_va = va[TARGET].to_numpy()

    h = config["hidden_units"]
    net = nn.Sequential(nn.Linear(len(FEATURES), h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 1))
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": []}
    for epoch in range(1, config["epochs"] + 1):
        net.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = nn.functional.mse_loss(net(x_tr[idx]).squeeze(1), y_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            pred = net(x_va).squeeze(1).numpy() * y_sd + y_mu
        val_loss = float(np.mean(((pred - y_va) / y_sd) ** 2))
        history["epoch"].append(epoch)
        history["train_loss"].append(total / len(x_tr))
        history["val_loss"].append(val_loss)
        history["metric"].append(float(np.sqrt(np.mean((pred - y_va) ** 2))))
    return AirModel(net, scaler, y_mu, y_sd), history
