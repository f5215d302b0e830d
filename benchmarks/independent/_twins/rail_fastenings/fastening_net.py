import numpy as np
import torch
import torch.nn as nn

TARGET = "defect"


class FasteningNet(nn.Module):
    def __init__(self, mean, sd, hidden):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        self.body = nn.Sequential(
            nn.Linear(len(mean), hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 2),
        )

    def forward(self, x):
        return self.body((x - self.mean) / self.sd)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32)
    y_tr = data_train[TARGET].to_numpy(np.int64)
    x_va = data_val[feats].to_numpy(np.float32)
    y_va = data_val[TARGET].to_numpy(np.int64)

    model = FasteningNet(x_tr.mean(0), x_tr.std(0) + 1e-6, config["hidden_units"])
    if config["optimizer"] == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"],
                              weight_decay=config["weight_decay"])
    else:
        opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    xt, yt = torch.tensor(x_tr), torch.tensor(y_tr)
    xv, yv = torch.tensor(x_va), torch.tensor(y_va)
    bs = config["batch_size"]
    n = len(xt)

    for epoch in range(config["epochs"]):
        model.train()
        total = 0.0
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            xb, yb = xt[idx], yt[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        model.eval()
        with torch.no_grad():
            out = model(xv)
            val_loss = loss_fn(out, yv).item()
            acc = (out.argmax(1) == yv).float().mean().item()
        monitor.log_epoch(train_loss=total / n, val_loss=val_loss, metric=acc, grad_norm=model,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
