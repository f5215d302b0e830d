"""Benign/malignant classifier from fine-needle-aspirate nucleus measurements."""
import numpy as np
import torch
from torch import nn

TARGET = "benign"


class Standardize(nn.Module):
    def __init__(self, x):
        super().__init__()
        self.register_buffer("mu", torch.tensor(x.mean(0), dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(x.std(0) + 1e-8, dtype=torch.float32))

    def forward(self, x):
        return (x - self.mu) / self.sd


def train_model(data_train, data_val, config):
    seed = int(config.get("seed", 0))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    feats = [c for c in data_train.columns if c != TARGET]

    x_tr = data_train[feats].to_numpy(np.float32)
    y_tr = data_train[TARGET].to_numpy(np.int64)
    # the export is sorted by patient id; shuffle before mini-batching
    order = rng.permutation(len(x_tr))
    x_tr, y_tr = x_tr[order], y_tr[order]
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.int64))

    h = int(config["hidden_units"])
    model = nn.Sequential(Standardize(x_tr), nn.Linear(len(feats), h), nn.ReLU(),
                          nn.Dropout(float(config["dropout"])),
                          nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 2))
    opt = torch.optim.Adam(model.parameters(), lr=float(config["lr"]),
                           weight_decay=float(config["weight_decay"]))
    loss_fn = nn.CrossEntropyLoss()
    xt, yt = torch.tensor(x_tr), torch.tensor(y_tr)
    bs = int(config["batch_size"])

    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "grad_norm": []}
    for epoch in range(1, int(config["epochs"]) + 1):
        model.train()
        total, gsq = 0.0, 0.0
        for i in range(0, len(xt), bs):
            xb, yb = xt[i:i + bs], yt[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            gsq = sum(float(p.grad.pow(2).sum()) for p in model.parameters() if p.grad is not None)
            opt.step()
            total += loss.item() * len(yb)
        model.eval()
        with torch.no_grad():
            logits = model(x_va)
            history["epoch"].append(epoch)
            history["train_loss"].append(total / len(xt))
            history["val_loss"].append(loss_fn(logits, y_va).item())
            history["metric"].append((logits.argmax(1) == y_va).float().mean().item())
            history["grad_norm"].append(gsq ** 0.5)
    return model, history
