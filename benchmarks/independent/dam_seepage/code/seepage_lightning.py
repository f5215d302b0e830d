"""Toe-drain seepage of the earth dam from reservoir level, antecedent rain and air temperature.

A small Lightning regressor; the epoch losses go to the supervisor's monitor through a callback.
"""
import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset

TARGET = "seepage_l_min"


class SeepageNet(pl.LightningModule):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, hidden, lr, schedule, patience, factor):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_sd", torch.tensor(y_sd, dtype=torch.float32))
        n_in = len(x_mean)
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                  nn.Linear(hidden, 1))
        self.lr, self.schedule, self.patience, self.factor = lr, schedule, patience, factor

    def forward(self, x):  # raw features in, litres per minute out
        z = (x - self.x_mean) / self.x_sd
        return (self.body(z).squeeze(-1) * self.y_sd + self.y_mean)

    def _scaled_loss(self, batch):
        x, y = batch
        pred = self(x)
        return nn.functional.mse_loss((pred - self.y_mean) / self.y_sd, (y - self.y_mean) / self.y_sd)

    def training_step(self, batch, batch_idx):
        loss = self._scaled_loss(batch)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        loss = self._scaled_loss(batch)
        x, y = batch
        rmse = torch.sqrt(torch.mean((self(x) - y) ** 2))
        self.log("val_loss", loss, on_epoch=True)
        self.log("val_rmse", rmse, on_epoch=True)

    def configure_optimizers(self):
        opt = torch.optim.Adam(self.parameters(), lr=self.lr)
        if self.schedule != "plateau":
            return opt
        sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=self.factor,
                                                           patience=self.patience)
        return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "monitor": "val_loss", "interval": "epoch"}}


class ToMonitor(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, module):
        m = trainer.callback_metrics
        self.monitor.log_epoch(train_loss=float(m["train_loss"]), val_loss=float(m["val_loss"]),
                               metric=float(m["val_rmse"]), lr=trainer.optimizers[0].param_groups[0]["lr"])
        if self.monitor.should_stop:
            trainer.should_stop = True


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(config.get("seed", 0), verbose=False)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    model = SeepageNet(x_tr.mean(0), x_tr.std(0), y_tr.mean(), y_tr.std(), config["hidden_units"], config["lr"],
                       config["lr_schedule"], config["lr_patience"], config["lr_factor"])
    dl_tr = DataLoader(TensorDataset(torch.tensor(x_tr), torch.tensor(y_tr)), batch_size=config["batch_size"], shuffle=True)
    dl_va = DataLoader(TensorDataset(torch.tensor(x_va), torch.tensor(y_va)), batch_size=len(x_va))
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[ToMonitor(monitor)])
    trainer.fit(model, dl_tr, dl_va)
    return model
