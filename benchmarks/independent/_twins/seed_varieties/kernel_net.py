import numpy as np
import torch
import torch.nn as nn


class KernelNet(nn.Module):
    """Small MLP on the seven kernel measurements; standardisation is part of the module."""

    def __init__(self, mean, std, n_in, n_classes, hidden):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.layers = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, n_classes),
        )

    def forward(self, x):
        return self.layers((x - self.mean) / self.std)


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    target = "variety"
    feats = [c for c in data_train.columns if c != target]
    x_tr = data_train[feats].to_numpy(np.float32)
    y_tr = data_train[target].to_numpy(np.int64)
    x_va = data_val[feats].to_numpy(np.float32)
    y_va = data_val[target].to_numpy(np.int64)

    n_classes = int(y_tr.max()) + 1
    model = KernelNet(x_tr.mean(0), x_tr.std(0), len(feats), n_classes, config["hidden_units"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config.get("weight_decay", 0.0))
    loss_fn = nn.CrossEntropyLoss()

    xt, yt = torch.from_numpy(x_tr), torch.from_numpy(y_tr)
    xv, yv = torch.from_numpy(x_va), torch.from_numpy(y_va)
    bs = config["batch_size"]
    history = []
    for epoch in range(1, config["epochs"] + 1):
        model.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            out = model(xv)
            val_loss = loss_fn(out, yv).item()
            acc = (out.argmax(1) == yv).float().mean().item()
        history.append({"epoch": epoch, "train_loss": total / len(xt), "val_loss": val_loss, "metric": acc})
    return model, history
