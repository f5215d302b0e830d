"""Hourly discharge of a karst spring from the last three days of rainfall and air temperature: a 1-D CNN
over sliding windows of the hourly record (rows of the CSV are consecutive hours)."""
import numpy as np
import torch
from torch import nn

TARGET = "spring_discharge_Ls"
INPUTS = ["rain_mm", "air_temp_C"]


def make_windows(x, y, width):
    """Training pairs: `width` consecutive hours of inputs and the discharge that goes with them."""
    xs, ys = [], []
    for t in range(len(x) - width + 1):
        xs.append(x[t:t + width])
        ys.append(y[t + width - 1])
    return np.stack(xs), np.asarray(ys, dtype=np.float32)


def windows_ending_at(x, width):
    """One window per row, ending at that row; the first rows repeat the first hour."""
    xp = np.concatenate([np.repeat(x[:1], width - 1, axis=0), x])
    return np.stack([xp[t:t + width] for t in range(len(x))])


class SpringCNN(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(len(INPUTS), 16, kernel_size=7), nn.ReLU(),
            nn.Conv1d(16, 16, kernel_size=7, dilation=2), nn.ReLU())
        n_out = 16 * (width - 6 - 12)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(n_out, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, w):                      # w: (batch, hours, inputs), scaled
        return self.head(self.conv(w.transpose(1, 2))).squeeze(1)


class SpringModel:
    """Predicts the discharge of every row of a block of consecutive hours."""
    def __init__(self, net, width, x_mean, x_sd, y_mean, y_sd):
        self.net, self.width = net, width
        self.x_mean, self.x_sd, self.y_mean, self.y_sd = x_mean, x_sd, y_mean, y_sd

    def predict(self, X):
        X = np.asarray(X, dtype=np.float32)[:, :len(INPUTS)]
        w = windows_ending_at((X - self.x_mean) / self.x_sd, self.width)
        self.net.eval()
        with torch.no_grad():
            out = self.net(torch.tensor(w, dtype=torch.float32)).numpy()
        return out * self.y_sd + self.y_mean


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(int(config.get("seed", 0)))
    width = int(config["window_hours"])
    x_tr = data_train[INPUTS].to_numpy(np.float32)
    x_va = data_val[INPUTS].to_numpy(np.float32)
    y_tr = data_train[TARGET].to_numpy(np.float32)
    y_va = data_val[TARGET].to_numpy(np.float32)
    x_mean, x_sd = x_tr.mean(0), x_tr.std(0) + 1e-6
    y_mean, y_sd = float(y_tr.mean()), float(y_tr.std())

    w_tr, t_tr = make_windows((x_tr - x_mean) / x_sd, (y_tr - y_mean) / y_sd, width)
    w_va, t_va = make_windows((x_va - x_mean) / x_sd, (y_va - y_mean) / y_sd, width)
    w_tr, t_tr = torch.tensor(w_tr), torch.tensor(t_tr)
    w_va, t_va = torch.tensor(w_va), torch.tensor(t_va)

    net = SpringCNN(width, int(config["hidden_units"]))
    opt = torch.optim.Adam(net.parameters(), lr=float(config["lr"]))
    loss_fn = nn.MSELoss()
    bs = int(config["batch_size"])
    for epoch in range(int(config["epochs"])):
        net.train()
        perm = torch.randperm(len(w_tr))
        total = 0.0
        for i in range(0, len(w_tr), bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(net(w_tr[idx]), t_tr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            out = net(w_va)
            val_loss = loss_fn(out, t_va).item()
            rmse = float(torch.sqrt(((out - t_va) ** 2).mean())) * y_sd
        monitor.log_epoch(train_loss=total / len(w_tr), val_loss=val_loss, metric=rmse, grad_norm=net,
                          lr=opt.param_groups[0]["lr"])
        if monitor.should_stop:
            break
    return SpringModel(net, width, x_mean, x_sd, y_mean, y_sd)
