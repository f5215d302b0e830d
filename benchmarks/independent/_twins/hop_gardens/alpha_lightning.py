"""Alpha-acid content of hop cones at harvest from the season's weather and the garden's management.

A Lightning MLP trained for a fixed number of epochs; a small callback keeps the weights of the epoch
with the lowest validation loss and puts them back at the end, and reports each epoch to the monitor.
"""
import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset

TARGET = "alpha_acid_pct"


class AlphaNet(pl.LightningModule):
    def __init__(self, x_mean, x_sd, y_mean, y_sd, hidden, lr, weight_decay):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_sd", torch.tensor(y_sd, dtype=torch.float32))
        self.body = nn.Sequential(nn.Linear(len(x_mean), hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                  nn.Linear(hidden, 1))
        self.lr, self.weight_decay = lr, weight_decay

    def forward(self, x):  # raw columns in, % alpha acids out
        return self.body((x - self.x_mean) / self.x_sd).squeeze(-1) * self.y_sd + self.y_mean

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
        self.last_grad_norm = float(torch.sqrt(sum(p.grad.pow(2).sum() for p in self.parameters() if p.grad is not None)))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr, weight_decay=self.weight_decay)


class KeepBestAndReport(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor
        self.best_loss = float("inf")
        self.best_state = None
        self.best_epoch = None

    def on_train_epoch_end(self, trainer, module):
        m = trainer.callback_metrics
        val_loss = float(m["val_loss"])
        if val_loss < self.best_loss:
            self.best_loss = val_loss
            self.best_state = {k: v.detach().clone() for k, v in module.state_dict().items()}
            self.best_epoch = trainer.current_epoch
        self.monitor.log_epoch(train_loss=float(m["train_loss"]), val_loss=val_loss, metric=float(m["val_rmse"]),
                               grad_norm=getattr(module, "last_grad_norm", None),
                               lr=trainer.optimizers[0].param_groups[0]["lr"])
        if self.monitor.should_stop:
            trainer.should_stop = True

    def on_fit_end(self, trainer, module):
        if self.best_state is not None:
            module.load_state_dict(self.best_state)


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(config.get("seed", 0), verbose=False)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    model = AlphaNet(x_tr.mean(0), x_tr.std(0), y_tr.mean(), y_tr.std(), config["hidden_units"], config["lr"],
                     config["weight_decay"])
    dl_tr = DataLoader(TensorDataset(torch.tensor(x_tr), torch.tensor(y_tr)), batch_size=config["batch_size"], shuffle=True)
    dl_va = DataLoader(TensorDataset(torch.tensor(x_va), torch.tensor(y_va)), batch_size=len(x_va))
    keeper = KeepBestAndReport(monitor)
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[keeper])
    trainer.fit(model, dl_tr, dl_va)
    return model
