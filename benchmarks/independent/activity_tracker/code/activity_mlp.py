import numpy as np
import torch
import torch.nn as nn

TARGET = "activity"   # 0 sitting, 1 walking, 2 running, 3 cycling


def make_scheduler(opt, config):
    kind = config.get("lr_schedule", "none")
    if kind == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=config["lr_step"], gamma=config["lr_gamma"])
    if kind == "exponential":
        return torch.optim.lr_scheduler.ExponentialLR(opt, gamma=config["lr_gamma"])
    if kind == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=config["epochs"])
    return None


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.int64)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.int64)
    mean, std = x_tr.mean(0), x_tr.std(0)

    h = config["hidden_units"]
    model = nn.Sequential(
        nn.Linear(len(feats), h), nn.ReLU(),
        nn.Linear(h, h), nn.ReLU(),
        nn.Linear(h, 4),
    )
    # fold the standardisation into a first fixed layer so the returned model takes raw sensor features
    scale = nn.Linear(len(feats), len(feats))
    with torch.no_grad():
        scale.weight.copy_(torch.diag(torch.tensor(1.0 / std)))
        scale.bias.copy_(torch.tensor(-mean / std))
    scale.requires_grad_(False)
    full = nn.Sequential(scale, model)

    opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"])
    sched = make_scheduler(opt, config)
    loss_fn = nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x_tr), torch.from_numpy(y_tr)
    xv, yv = torch.from_numpy(x_va), torch.from_numpy(y_va)
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        full.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(full(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        gnorm = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters())).item()
        lr_now = opt.param_groups[0]["lr"]
        if sched is not None:
            sched.step()
        full.eval()
        with torch.no_grad():
            out = full(xv)
            val_loss = loss_fn(out, yv).item()
            acc = (out.argmax(1) == yv).float().mean().item()
        monitor.log_epoch(train_loss=total / len(xt), val_loss=val_loss, metric=acc, grad_norm=gnorm, lr=lr_now)
        if monitor.should_stop:
            break
    return full
