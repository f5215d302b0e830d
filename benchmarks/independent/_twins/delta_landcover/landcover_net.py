"""Pixel classifier for the delta land-cover map: six Landsat-8 bands plus elevation and slope -> land-cover class
(0 open water, 1 bare sand/mudflat, 2 built-up, 3 forest, 4 cropland, 5 grassland)."""
import numpy as np
import torch
import torch.nn as nn

TARGET = "land_cover"
N_CLASSES = 6


class PixelNet(nn.Module):
    def __init__(self, mean, sd, hidden):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        self.body = nn.Sequential(
            nn.Linear(len(mean), hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, N_CLASSES),
        )

    def forward(self, x):
        return self.body((x - self.mean) / self.sd)


class LandCoverModel:
    """Wraps the network for the mapping pipeline: predict() gives the class code of each pixel."""

    def __init__(self, net):
        self.net = net

    def predict(self, X):
        self.net.eval()
        with torch.no_grad():
            out = self.net(torch.as_tensor(np.asarray(X, dtype=np.float32)))
        return out.argmax(1).numpy().astype(int)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    xt = torch.tensor(data_train[feats].to_numpy(np.float32))
    yt = torch.tensor(data_train[TARGET].to_numpy(np.int64))
    xv = torch.tensor(data_val[feats].to_numpy(np.float32))
    yv = torch.tensor(data_val[TARGET].to_numpy(np.int64))

    net = PixelNet(xt.mean(0).numpy(), xt.std(0).numpy(), config["hidden_units"])
    model = LandCoverModel(net)
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        net.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        gnorm = sum(p.grad.pow(2).sum().item() for p in net.parameters()) ** 0.5
        net.eval()
        with torch.no_grad():
            val_loss = loss_fn(net(xv), yv).item()
        acc = float(np.mean(model.predict(xv.numpy()) == yv.numpy().astype(int)))
        monitor.log_epoch(train_loss=total / len(xt), val_loss=val_loss, metric=acc, grad_norm=gnorm,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
