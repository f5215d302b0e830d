import numpy as np
import torch
import torch.nn as nn

NUMERIC = ["day_of_week", "temp_C", "rain_mm", "holiday", "promo"]


class SalesNet(nn.Module):
    """Store embedding + numeric features -> loaves sold. Takes the raw CSV columns (store_id first)."""

    def __init__(self, n_stores, emb_dim, hidden, x_mean, x_std, y_mean, y_std):
        super().__init__()
        self.store_emb = nn.Embedding(n_stores, emb_dim)
        self.body = nn.Sequential(
            nn.Linear(emb_dim + len(NUMERIC), hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
        )
        self.head = nn.Linear(hidden, 1)
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_std", torch.tensor(x_std, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_std", torch.tensor(y_std, dtype=torch.float32))
        self.last_features = None

    def scaled(self, x):
        store = x[:, 0].long()
        num = (x[:, 1:] - self.x_mean) / self.x_std
        h = self.body(torch.cat([self.store_emb(store), num], dim=1))
        self.last_features = h.detach()  # keep the learned representation for the store-similarity plots
        return self.head(h).squeeze(-1)

    def forward(self, x):
        return self.scaled(x) * self.y_std + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    cols = ["store_id"] + NUMERIC
    target = "loaves_sold"
    x_tr = torch.tensor(data_train[cols].to_numpy(np.float32))
    x_va = torch.tensor(data_val[cols].to_numpy(np.float32))
    y_tr = data_train[target].to_numpy(np.float32)
    y_va = data_val[target].to_numpy(np.float32)
    n_stores = int(max(data_train["store_id"].max(), data_val["store_id"].max())) + 1
    model = SalesNet(n_stores, config["embedding_dim"], config["hidden_units"],
                     x_tr[:, 1:].numpy().mean(0), x_tr[:, 1:].numpy().std(0), y_tr.mean(), y_tr.std())
    yt = torch.tensor((y_tr - y_tr.mean()) / y_tr.std())
    yv = torch.tensor((y_va - y_tr.mean()) / y_tr.std())
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"])
    loss_fn = nn.MSELoss()
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model.scaled(x_tr[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            val_loss = loss_fn(model.scaled(x_va), yv).item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss)
        if monitor.should_stop:
            break
    return model
