import numpy as np
import torch
import torch.nn as nn

WINDOW = 48          # samples per channel (2 kHz)
N_CLASSES = 4        # 0 healthy, 1 chipped tooth, 2 misalignment, 3 bearing wear
G_SCALE = 1.0        # accelerations are already in g


class GearboxGRU(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.gru = nn.GRU(input_size=2, hidden_size=hidden, batch_first=True)
        self.out = nn.Linear(hidden, N_CLASSES)

    def forward(self, x):
        # x: (batch, 96) = 48 axial samples then 48 radial samples
        seq = x.reshape(-1, 2, WINDOW).transpose(1, 2) / G_SCALE
        _, h = self.gru(seq)
        return self.out(h[-1])


def _arrays(df):
    cols = [c for c in df.columns if c != "condition"]
    return (torch.tensor(df[cols].to_numpy(np.float32)),
            torch.tensor(df["condition"].to_numpy(np.int64)))


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    x_tr, y_tr = _arrays(data_train)
    x_va, y_va = _arrays(data_val)
    model = GearboxGRU(config["hidden_units"])
    opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"])
    lossf = nn.CrossEntropyLoss(reduction="sum")
    bs = config["batch_size"]
    for epoch in range(config["epochs"]):
        model.train()
        perm = torch.randperm(len(x_tr))
        total = 0.0
        for i in range(0, len(x_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = lossf(model(x_tr[idx]), y_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        model.eval()
        with torch.no_grad():
            logits = model(x_va)
            val_loss = lossf(logits, y_va).item() / len(y_va)
            acc = (logits.argmax(1) == y_va).float().mean().item()
        monitor.log_epoch(train_loss=total / len(x_tr), val_loss=val_loss, metric=acc,
                          grad_norm=model, lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return model
