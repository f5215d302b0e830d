"""Sucrose content of sugar beet at delivery: an MLP with dropout trained by RMSprop
on shuffled mini-batches, early stopping on the validation loss with the best
weights restored at the end."""
import copy
import numpy as np
import torch
import torch.nn as nn

TARGET = "sucrose_pct"


class SucroseNet(nn.Module):
    def __init__(self, n_in, hidden, dropout):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Dropout(dropout),
                                  nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                                  nn.Linear(hidden, 1))

    def forward(self, x):
        return self.body(x).squeeze(-1)


class SucroseModel:
    """Raw field columns in, sucrose % out."""
    def __init__(self, net, x_mean, x_sd, y_mean, y_sd):
        self.net, self.x_mean, self.x_sd, self.y_mean, self.y_sd = net, x_mean, x_sd, y_mean, y_sd

    def predict(self, X):
        X = torch.tensor((np.asarray(X, dtype=np.float32) - self.x_mean) / self.x_sd)
        with torch.no_grad():
            return self.net(X).numpy() * self.y_sd + self.y_mean


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    Xtr = data_train[feats].to_numpy(np.float32); ytr = data_train[TARGET].to_numpy(np.float32)
    Xva = data_val[feats].to_numpy(np.float32); yva = data_val[TARGET].to_numpy(np.float32)
    x_mean, x_sd = Xtr.mean(0), Xtr.std(0)
    y_mean, y_sd = float(ytr.mean()), float(ytr.std())
    Xt = torch.tensor((Xtr - x_mean) / x_sd); yt = torch.tensor((ytr - y_mean) / y_sd)
    Xv = torch.tensor((Xva - x_mean) / x_sd); yv = torch.tensor((yva - y_mean) / y_sd)

    net = SucroseNet(len(feats), config["hidden_units"], config["dropout"])
    opt = torch.optim.RMSprop(net.parameters(), lr=config["lr"], alpha=0.9,
                              weight_decay=config["weight_decay"])
    loss_fn = nn.MSELoss()
    bs, patience = config["batch_size"], config["early_stopping_patience"]
    best, best_state, wait = float("inf"), None, 0
    hist = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "lr": []}
    for epoch in range(1, config["epochs"] + 1):
        net.train()
        perm = torch.randperm(len(Xt)); tot = 0.0
        for s in range(0, len(Xt), bs):
            idx = perm[s:s + bs]
            opt.zero_grad()
            loss = loss_fn(net(Xt[idx]), yt[idx])
            loss.backward(); opt.step()
            tot += loss.item() * len(idx)
        with torch.no_grad():
            pv = net(Xv)
            val_loss = loss_fn(pv, yv).item()
        rmse = float(np.sqrt(np.mean((pv.numpy() * y_sd + y_mean - yva) ** 2)))
        hist["epoch"].append(epoch); hist["train_loss"].append(tot / len(Xt)); hist["val_loss"].append(val_loss)
        hist["metric"].append(rmse); hist["lr"].append(config["lr"])
        if val_loss < best - 1e-4:
            best, best_state, wait = val_loss, copy.deepcopy(net.state_dict()), 0
        else:
            wait += 1
            if wait >= patience:
                break
    net.load_state_dict(best_state)
    return SucroseModel(net, x_mean, x_sd, y_mean, y_sd), hist
