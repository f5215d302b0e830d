import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TARGET = "strength_grade"
N_GRADES = 4          # below C16, C16, C24, C30


class OrdinalGradeNet(nn.Module):
    """Cumulative-link network: one strength score per board and ordered cut-points between the grades."""

    def __init__(self, x_mean, x_sd, hidden, dropout):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.score = nn.Sequential(
            nn.Linear(len(x_mean), hidden), nn.Tanh(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.Tanh(),
            nn.Linear(hidden, 1),
        )
        self.linear = nn.Linear(len(x_mean), 1)      # main effects, the MLP adds the interactions
        self.first_cut = nn.Parameter(torch.tensor(-1.0))
        self.log_gaps = nn.Parameter(torch.zeros(N_GRADES - 2))

    def cut_points(self):
        return torch.cat([self.first_cut.view(1), self.first_cut + torch.cumsum(F.softplus(self.log_gaps) + 1e-3, 0)])

    def cumulative_logits(self, x):
        # logit of P(grade > k) for k = 0 .. N_GRADES - 2
        z = (x - self.x_mean) / self.x_sd
        s = self.linear(z) + self.score(z)
        return s - self.cut_points()

    def forward(self, x):
        p_above = torch.sigmoid(self.cumulative_logits(x))
        ones = torch.ones_like(p_above[:, :1])
        zeros = torch.zeros_like(p_above[:, :1])
        p = torch.cat([ones, p_above], 1) - torch.cat([p_above, zeros], 1)
        return p.clamp_min(0.0)           # probability of each grade


def cumulative_targets(y):
    ks = torch.arange(N_GRADES - 1)
    return (y[:, None] > ks[None, :]).float()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    x_tr = torch.tensor(data_train.drop(columns=[TARGET]).to_numpy(np.float32))
    y_tr = torch.tensor(data_train[TARGET].to_numpy(np.int64))
    x_va = torch.tensor(data_val.drop(columns=[TARGET]).to_numpy(np.float32))
    y_va = torch.tensor(data_val[TARGET].to_numpy(np.int64))
    model = OrdinalGradeNet(x_tr.mean(0).numpy(), x_tr.std(0).numpy(), config["hidden_units"], config["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    t_tr, t_va = cumulative_targets(y_tr), cumulative_targets(y_va)
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total, sq_norm = 0.0, 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = F.binary_cross_entropy_with_logits(model.cumulative_logits(x_tr[idx]), t_tr[idx])
            loss.backward()
            sq_norm = sum(float(p.grad.pow(2).sum()) for p in model.parameters() if p.grad is not None)
            opt.step()
            total += float(loss) * len(idx)
        model.eval()
        with torch.no_grad():
            val_loss = float(F.binary_cross_entropy_with_logits(model.cumulative_logits(x_va), t_va))
            acc = float((model(x_va).argmax(1) == y_va).float().mean())
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=acc, grad_norm=sq_norm ** 0.5,
                          lr=config["lr"])
        if monitor.should_stop:
            break
    return model
