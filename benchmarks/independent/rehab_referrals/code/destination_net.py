import numpy as np
import torch
import torch.nn as nn

# CSV column order: ward_code, admission_route, age_years, los_days, barthel_index, lives_alone (target destination)
FEATURES = ["ward_code", "admission_route", "age_years", "los_days", "barthel_index", "lives_alone"]
TARGET = "destination"
N_CLASSES = 3          # 0 home, 1 rehabilitation unit, 2 residential care


class DestinationNet(nn.Module):
    def __init__(self, n_wards, n_routes, mu, sd, emb_dim, hidden, dropout):
        super().__init__()
        self.register_buffer("mu", torch.tensor(mu, dtype=torch.float32))
        self.register_buffer("sd", torch.tensor(sd, dtype=torch.float32))
        self.ward = nn.Embedding(n_wards, emb_dim)
        self.route = nn.Embedding(n_routes, 2)
        self.body = nn.Sequential(
            nn.Linear(emb_dim + 2 + 4, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, N_CLASSES),
        )

    def forward(self, x):
        ward = x[:, 0].long()
        route = x[:, 1].long()
        num = x[:, 2:6].clone()
        num[:, 1] = torch.log(num[:, 1])                  # length of stay is right-skewed
        num = (num - self.mu) / self.sd
        h = torch.cat([self.ward(ward), self.route(route), num], dim=1)
        return self.body(h)


def _numeric(X):
    num = X[:, 2:6].astype(np.float64).copy()
    num[:, 1] = np.log(num[:, 1])
    return num


def train_model(data_train, data_val, config):
    torch.manual_seed(config.get("seed", 0))
    Xtr = data_train[FEATURES].to_numpy(np.float32); ytr = data_train[TARGET].to_numpy(np.int64)
    Xva = data_val[FEATURES].to_numpy(np.float32); yva = data_val[TARGET].to_numpy(np.int64)
    num = _numeric(Xtr)
    model = DestinationNet(int(Xtr[:, 0].max()) + 1, int(Xtr[:, 1].max()) + 1, num.mean(0), num.std(0),
                           config["emb_dim"], config["hidden_units"], config["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    lossf = nn.CrossEntropyLoss()
    Xt, yt = torch.tensor(Xtr), torch.tensor(ytr)
    Xv, yv = torch.tensor(Xva), torch.tensor(yva)
    bs = config["batch_size"]
    hist = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "grad_norm": []}
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(Xt))
        tot, gn = 0.0, 0.0
        for i in range(0, len(Xt), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = lossf(model(Xt[idx]), yt[idx])
            loss.backward()
            gn = float(torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters() if p.grad is not None)))
            opt.step()
            tot += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = lossf(out, yv).item()
            acc = (out.argmax(1) == yv).float().mean().item()
        hist["epoch"].append(epoch + 1); hist["train_loss"].append(tot / len(Xt)); hist["val_loss"].append(vl)
        hist["metric"].append(acc); hist["grad_norm"].append(gn)
    return model, hist
