"""Traction energy per tram trip: a small MLP trained with gradient accumulation
(several micro-batches per optimizer step), SGD with Nesterov momentum and a
linear warm-up followed by cosine decay of the learning rate."""
import math
import numpy as np
import torch
import torch.nn as nn

TARGET = "energy_kWh"


class TractionNet(nn.Module):
    def __init__(self, n_in, hidden, x_mean, x_sd, y_mean, y_sd):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.y_mean, self.y_sd = float(y_mean), float(y_sd)
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.SiLU(),
                                  nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 1))

    def scaled(self, x):
        return self.body((x - self.x_mean) / self.x_sd).squeeze(-1)

    def forward(self, x):
        return self.y_mean + self.y_sd * self.scaled(x)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    Xtr = data_train[feats].to_numpy(np.float32); ytr = data_train[TARGET].to_numpy(np.float32)
    Xva = torch.tensor(data_val[feats].to_numpy(np.float32)); yva = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    net = TractionNet(len(feats), config["hidden_units"], Xtr.mean(0), Xtr.std(0), ytr.mean(), ytr.std())
    Xtr, ytr = torch.tensor(Xtr), torch.tensor(ytr)
    ytr_s = (ytr - net.y_mean) / net.y_sd

    bs, accum, epochs = config["batch_size"], config["accum_steps"], config["epochs"]
    opt = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"], nesterov=True)
    micro_per_epoch = math.ceil(len(Xtr) / bs)
    steps_per_epoch = math.ceil(micro_per_epoch / accum)
    warm, total = config["warmup_epochs"] * steps_per_epoch, epochs * steps_per_epoch

    def lr_factor(step):
        if step < warm:
            return (step + 1) / warm
        return 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(len(Xtr))
        tot, norms = 0.0, []
        opt.zero_grad()
        for i, start in enumerate(range(0, len(Xtr), bs)):
            idx = perm[start:start + bs]
            loss = loss_fn(net.scaled(Xtr[idx]), ytr_s[idx])
            loss.backward()
            tot += loss.item() * len(idx)
            if (i + 1) % accum == 0 or i + 1 == micro_per_epoch:
                norms.append(math.sqrt(sum(p.grad.pow(2).sum().item() for p in net.parameters())))
                opt.step(); sched.step(); opt.zero_grad()
        net.eval()
        with torch.no_grad():
            pv = net(Xva)
            val_loss = loss_fn((pv - net.y_mean) / net.y_sd, (yva - net.y_mean) / net.y_sd).item()
            rmse = torch.sqrt(torch.mean((pv - yva) ** 2)).item()
        monitor.log_epoch(train_loss=tot / len(Xtr), val_loss=val_loss, metric=rmse,
                          grad_norm=float(np.mean(norms)), lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return net
