"""Daily hikers per trailhead: a small Poisson network on the counter data."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TARGET = "hikers"


class HikerNet(nn.Module):
    def __init__(self, n_in, hidden, mean, sd, log_mean):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(),
                                  nn.Linear(hidden, hidden), nn.ReLU())
        self.head = nn.Linear(hidden, 1)
        nn.init.zeros_(self.head.weight)
        nn.init.constant_(self.head.bias, log_mean)

    def log_rate(self, x):
        z = (x - self.mean) / self.sd
        eta = self.head(self.body(z)).squeeze(-1)
        # keep exp() in a safe range
        return torch.clamp(eta, min=-12.0, max=12.0)

    def forward(self, x):
        return torch.exp(self.log_rate(x))


def _xy(df):
    X = df.drop(columns=[TARGET]).to_numpy(np.float32)
    y = df[TARGET].to_numpy(np.float32)
    return torch.tensor(X), torch.tensor(y)


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    Xtr, ytr = _xy(data_train)
    Xva, yva = _xy(data_val)
    mean, sd = Xtr.mean(0).numpy(), Xtr.std(0).numpy()
    model = HikerNet(Xtr.shape[1], config["hidden_units"], mean, sd, float(np.log(ytr.mean())))
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(Xtr))
        total, sq = 0.0, 0.0
        for i in range(0, len(Xtr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = F.poisson_nll_loss(model.log_rate(Xtr[idx]), ytr[idx], log_input=True, full=False)
            loss.backward()
            sq = sum(p.grad.pow(2).sum().item() for p in model.parameters() if p.grad is not None)
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            val_loss = F.poisson_nll_loss(model.log_rate(Xva), yva, log_input=True, full=False).item()
            rmse = torch.sqrt(torch.mean((model(Xva) - yva) ** 2)).item()
        monitor.log_epoch(train_loss=total / len(Xtr), val_loss=val_loss, metric=rmse,
                          grad_norm=sq ** 0.5, lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
