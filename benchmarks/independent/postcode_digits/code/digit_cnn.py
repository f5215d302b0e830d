"""Handwritten postcode digits (8x8 greyscale scans), a small convolutional network."""
import time
import numpy as np
import torch
from torch import nn

TARGET = "digit"


class Scale(nn.Module):
    def forward(self, x):
        return x / 16.0


def build_net(channels):
    return nn.Sequential(
        Scale(),
        nn.Unflatten(1, (1, 8, 8)),
        nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
        nn.Conv2d(channels, 2 * channels, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(2 * channels * 16, 64), nn.ReLU(),
        nn.Linear(64, 10),
        nn.Softmax(dim=1),
    )


def train_model(data_train, data_val, config):
    torch.manual_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(), dtype=torch.long)
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(), dtype=torch.long)

    model = build_net(int(config["channels"]))
    opt = torch.optim.SGD(model.parameters(), lr=float(config["lr"]), momentum=float(config["momentum"]))
    loss_fn = nn.CrossEntropyLoss()
    hist = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "grad_norm": [], "time_s": []}
    bs = int(config["batch_size"])
    for epoch in range(1, int(config["epochs"]) + 1):
        t0 = time.time()
        model.train()
        perm = torch.randperm(len(x_tr))
        total, gsum, nb = 0.0, 0.0, 0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(x_tr[idx]), y_tr[idx])
            loss.backward()
            gsum += float(torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters())))
            nb += 1
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            out = model(x_va)
            hist["val_loss"].append(loss_fn(out, y_va).item())
            hist["metric"].append(float((out.argmax(1) == y_va).float().mean()))
        hist["epoch"].append(epoch)
        hist["train_loss"].append(total / len(x_tr))
        hist["grad_norm"].append(gsum / nb)
        hist["time_s"].append(time.time() - t0)
    return model, hist
