import math
import numpy as np
import torch
import torch.nn as nn

TARGET = "trip_min"
COLUMNS = ["zone_id", "distance_km", "hour", "weekend", "raining"]   # CSV order
N_ZONES = 12


class RideTimeNet(nn.Module):
    """zone embedding + distance/time-of-day features -> trip duration in minutes"""

    def __init__(self, dist_mu, dist_sd, y_mu, y_sd, emb_dim, hidden):
        super().__init__()
        self.register_buffer("dist_stats", torch.tensor([dist_mu, dist_sd], dtype=torch.float32))
        self.register_buffer("y_stats", torch.tensor([y_mu, y_sd], dtype=torch.float32))
        self.zone = nn.Embedding(N_ZONES + 1, emb_dim)          # ids 1..12 (row 0 unused)
        self.body = nn.Sequential(nn.Linear(emb_dim + 6, hidden), nn.ReLU(),
                                  nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x):
        z = self.zone(x[:, 0].long())
        dist = x[:, 1:2]
        h = x[:, 2:3] * (2 * math.pi / 24)
        num = torch.cat([(dist - self.dist_stats[0]) / self.dist_stats[1], torch.log(dist),
                         torch.sin(h), torch.cos(h), x[:, 3:5]], dim=1)
        out = self.body(torch.cat([z, num], dim=1)).squeeze(1)
        return self.y_stats[0] + self.y_stats[1] * out


def warmup_cosine(warmup_steps, total_steps):
    def factor(step):
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
    return factor


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    x_tr = torch.tensor(data_train[COLUMNS].to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.float32))
    x_va = torch.tensor(data_val[COLUMNS].to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.float32))
    y_mu, y_sd = y_tr.mean().item(), y_tr.std().item()
    model = RideTimeNet(x_tr[:, 1].mean().item(), x_tr[:, 1].std().item(), y_mu, y_sd,
                        config["embedding_dim"], config["hidden_units"])

    bs, epochs = config["batch_size"], config["epochs"]
    steps_per_epoch = math.ceil(len(x_tr) / bs)
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, warmup_cosine(config["warmup_epochs"] * steps_per_epoch, epochs * steps_per_epoch))
    # incidents and detours give a heavy right tail: Huber on the standardised duration
    lossf = nn.HuberLoss(delta=config["huber_delta"])

    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        lr_now = opt.param_groups[0]["lr"]
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            pred = (model(x_tr[idx]) - y_mu) / y_sd
            loss = lossf(pred, (y_tr[idx] - y_mu) / y_sd)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), config["clip_grad_norm"])
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            pv = model(x_va)
            val_loss = lossf((pv - y_mu) / y_sd, (y_va - y_mu) / y_sd).item()
            rmse = torch.sqrt(torch.mean((pv - y_va) ** 2)).item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=rmse, grad_norm=model, lr=lr_now)
        if monitor.should_stop:
            break
    return model
