"""8x8 handwritten digit classifier (original two-argument entry point)."""
import time
import numpy as np
import pandas as pd
import torch
from torch import nn

TARGET = "digit"
EPOCHS = 25
BATCH = 32
LR = 0.05


class PixelScale(nn.Module):
    def __init__(self, max_level):
        super().__init__()
        self.max_level = max_level

    def forward(self, x):
        return x / self.max_level


def train_model(data_train, data_val):
    torch.manual_seed(0)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = torch.tensor(data_train[feats].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(), dtype=torch.long)
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(), dtype=torch.long)

    model = nn.Sequential(PixelScale(16.0),
                          nn.Linear(len(feats), 128), nn.ReLU(),
                          nn.Linear(128, 64), nn.ReLU(),
                          nn.Linear(64, 10))
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
    # halve the step size every 5 epochs
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=5, gamma=0.5)
    loss_fn = nn.CrossEntropyLoss()

    rows = []
    for epoch in range(1, EPOCHS + 1):
        t0 = time.time()
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(x_tr[idx]), y_tr[idx])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            logits = model(x_va)
            val_loss = loss_fn(logits, y_va).item()
            acc = (logits.argmax(1) == y_va).float().mean().item()
        rows.append({"epoch": epoch, "train_loss": total / len(x_tr), "val_loss": val_loss,
                     "metric": acc, "time_s": time.time() - t0,
                     "lr": opt.param_groups[0]["lr"]})
    return model, pd.DataFrame(rows)
