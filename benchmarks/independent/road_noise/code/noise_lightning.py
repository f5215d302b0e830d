"""Hourly LAeq at the roadside monitoring stations from the traffic counts and the weather mast.

Lightning regressor: a linear path on the standardised traffic/weather inputs plus a small MLP correction (skip
connection), and one learned level per station for set-back, barriers and facade reflections. The MLP weights are
decayed, the linear path is not.
"""
import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset

TARGET = "laeq_dba"
SITE = "station_id"


class NoiseNet(pl.LightningModule):
    def __init__(self, n_stations, x_mean, x_sd, y_mean, y_sd, hidden, lr, weight_decay):
        super().__init__()
        for k, v in dict(x_mean=x_mean, x_sd=x_sd, y_mean=y_mean, y_sd=y_sd).items():
            self.register_buffer(k, torch.tensor(v, dtype=torch.float32))
        n_in = len(x_mean)
        self.skip = nn.Linear(n_in, 1)
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                  nn.Linear(hidden, 1))
        self.station = nn.Embedding(n_stations, 1)
        self.lr, self.weight_decay = lr, weight_decay
        self.last_grad_norm = float("nan")

    def forward(self, x):  # column 0 is the station id, the rest are the traffic/weather readings; dB(A) out
        site = x[:, 0].long()
        z = (x[:, 1:] - self.x_mean) / self.x_sd
        out = self.skip(z) + self.body(z) + self.station(site)
        return out.squeeze(-1) * self.y_sd + self.y_mean

    def _loss(self, batch):
        x, y = batch
        return nn.functional.mse_loss((self(x) - self.y_mean) / self.y_sd, (y - self.y_mean) / self.y_sd)

    def training_step(self, batch, batch_idx):
        loss = self._loss(batch)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", self._loss(batch), on_epoch=True)
        self.log("val_rmse", torch.sqrt(torch.mean((self(x) - y) ** 2)), on_epoch=True)

    def on_before_optimizer_step(self, optimizer):
        sq = [p.grad.pow(2).sum() for p in self.parameters() if p.grad is not None]
        self.last_grad_norm = float(torch.sqrt(torch.stack(sq).sum()))

    def configure_optimizers(self):
        groups = [
            {"params": self.body.parameters(), "weight_decay": self.weight_decay},
            {"params": self.skip.parameters(), "weight_decay": 0.0},
        ]
        return torch.optim.AdamW(groups, lr=self.lr)


class ToMonitor(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, module):
        m = trainer.callback_metrics
        self.monitor.log_epoch(train_loss=float(m["train_loss"]), val_loss=float(m["val_loss"]),
                               metric=float(m["val_rmse"]), grad_norm=module.last_grad_norm,
                               lr=trainer.optimizers[0].param_groups[0]["lr"])
        if self.monitor.should_stop:
            trainer.should_stop = True


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(config.get("seed", 0), verbose=False)
    feats = [SITE] + [c for c in data_train.columns if c not in (TARGET, SITE)]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    n_stations = int(max(x_tr[:, 0].max(), x_va[:, 0].max())) + 1
    model = NoiseNet(n_stations, x_tr[:, 1:].mean(0), x_tr[:, 1:].std(0), y_tr.mean(), y_tr.std(),
                     config["hidden_units"], config["lr"], config["weight_decay"])
    dl_tr = DataLoader(TensorDataset(torch.tensor(x_tr), torch.tensor(y_tr)), batch_size=config["batch_size"], shuffle=True)
    dl_va = DataLoader(TensorDataset(torch.tensor(x_va), torch.tensor(y_va)), batch_size=len(x_va))
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[ToMonitor(monitor)])
    trainer.fit(model, dl_tr, dl_va)
    return model
