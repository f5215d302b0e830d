import math

import numpy as np
import torch
import torch.nn as nn

TARGET = "burnout_risk"
N_CLASSES = 3


class RiskNet(nn.Module):
    def __init__(self, mu, sd, hidden, dropout):
        super().__init__()
        self.register_buffer("mu", torch.tensor(mu, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        n_in = len(mu)
        self.body = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden // 2), nn.ReLU(), nn.Dropout(dropout),
        )
        self.head = nn.Linear(hidden // 2, N_CLASSES)

    def forward(self, x):
        return self.head(self.body((x - self.mu) / self.sd))


def init_weights(model, scheme):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            fan_in = m.weight.shape[1]
            if scheme == "he":
                # He et al. (2015) normal initialisation for ReLU layers
                m.weight.data.normal_(0.0, math.sqrt(2.0 / fan_in))
                m.bias.data.zero_()
            elif scheme == "xavier":
                nn.init.xavier_uniform_(m.weight)
                m.bias.data.zero_()
            # anything else: keep PyTorch's default


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32)
    y_tr = torch.tensor(data_train[TARGET].to_numpy(), dtype=torch.long)
    x_va = torch.tensor(data_val[feats].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(), dtype=torch.long)
    mu, sd = x_tr.mean(0), x_tr.std(0) + 1e-6
    x_tr = torch.tensor(x_tr)

    model = RiskNet(mu, sd, config["hidden_units"], config["dropout"])
    init_weights(model, config.get("init", "default"))
    if config["optimizer"] == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config.get("momentum", 0.9),
                              weight_decay=config["weight_decay"])
    else:
        opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    bs = config["batch_size"]

    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(x_tr[idx]), y_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            out = model(x_va)
            val_loss = loss_fn(out, y_va).item()
            acc = (out.argmax(1) == y_va).float().mean().item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=acc, grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
