import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset

FEATURES = ["outdoor_temp_c", "chw_setpoint_c", "theatres_in_use", "bed_occupancy", "solar_wm2"]
TARGET = "chiller_kw"


class ChillerPower(pl.LightningModule):
    def __init__(self, x_mean, x_std, y_mean, y_std, hidden_units=64, lr=1e-3, weight_decay=0.0):
        super().__init__()
        self.save_hyperparameters(ignore=["x_mean", "x_std", "y_mean", "y_std"])
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_std", torch.tensor(x_std, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_std", torch.tensor(y_std, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(len(FEATURES), hidden_units), nn.SiLU(),
                                 nn.Linear(hidden_units, hidden_units), nn.SiLU(),
                                 nn.Linear(hidden_units, 1))

    def forward(self, x):
        z = self.net((x - self.x_mean) / self.x_std).squeeze(-1)
        return z * self.y_std + self.y_mean

    def training_step(self, batch, batch_idx):
        x, y = batch
        z = self.net((x - self.x_mean) / self.x_std).squeeze(-1)
        loss = nn.functional.mse_loss(z, (y - self.y_mean) / self.y_std)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        pred = self(x)
        self.log("val_loss", nn.functional.mse_loss((pred - self.y_mean) / self.y_std, (y - self.y_mean) / self.y_std))
        self.log("val_rmse", torch.sqrt(nn.functional.mse_loss(pred, y)))

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=self.hparams.weight_decay)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=self.trainer.max_epochs)
        return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "epoch"}}


class MonitorCallback(pl.Callback):
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
    x_tr = data_train[FEATURES].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[FEATURES].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    model = ChillerPower(x_tr.mean(0), x_tr.std(0), float(y_tr.mean()), float(y_tr.std()),
                         hidden_units=config["hidden_units"], lr=config["lr"],
                         weight_decay=config.get("weight_decay", 0.0))
    train_dl = DataLoader(TensorDataset(torch.from_numpy(x_tr), torch.from_numpy(y_tr)),
                          batch_size=config["batch_size"], shuffle=True)
    val_dl = DataLoader(TensorDataset(torch.from_numpy(x_va), torch.from_numpy(y_va)), batch_size=512)
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[MonitorCallback(monitor)])
    trainer.fit(model, train_dl, val_dl)
    return model
