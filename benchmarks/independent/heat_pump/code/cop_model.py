import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset

FEATURES = ["outdoor_temp_C", "flow_temp_C", "part_load"]
TARGET = "cop"
ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "gelu": nn.GELU, "silu": nn.SiLU}


class CopRegressor(pl.LightningModule):
    def __init__(self, x_mean, x_std, y_mean, y_std, hidden_units, n_layers, activation, lr, weight_decay):
        super().__init__()
        self.save_hyperparameters(ignore=["x_mean", "x_std", "y_mean", "y_std"])
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_std", torch.tensor(x_std, dtype=torch.float32))
        self.register_buffer("y_mean", torch.tensor(y_mean, dtype=torch.float32))
        self.register_buffer("y_std", torch.tensor(y_std, dtype=torch.float32))
        act = ACTIVATIONS[activation]
        layers, width = [], len(FEATURES)
        for _ in range(n_layers):
            layers += [nn.Linear(width, hidden_units), act()]
            width = hidden_units
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def scaled(self, x):
        return self.net((x - self.x_mean) / self.x_std).squeeze(-1)

    def forward(self, x):
        return self.scaled(x) * self.y_std + self.y_mean

    def _loss(self, batch):
        x, y = batch
        return nn.functional.mse_loss(self.scaled(x), (y - self.y_mean) / self.y_std)

    def training_step(self, batch, batch_idx):
        loss = self._loss(batch)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", self._loss(batch), on_epoch=True)
        self.log("val_rmse", torch.sqrt(nn.functional.mse_loss(self(x), y)), on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr, weight_decay=self.hparams.weight_decay)


class ReportToMonitor(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, module):
        if trainer.sanity_checking:
            return
        m = trainer.callback_metrics
        self.monitor.log_epoch(train_loss=float(m.get("train_loss", float("nan"))), val_loss=float(m["val_loss"]),
                               metric=float(m["val_rmse"]))
        if self.monitor.should_stop:
            trainer.should_stop = True


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(config.get("seed", 0), verbose=False)
    x_tr = data_train[FEATURES].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[FEATURES].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    model = CopRegressor(x_tr.mean(0), x_tr.std(0), float(y_tr.mean()), float(y_tr.std()),
                         config["hidden_units"], config["n_layers"], config["activation"],
                         config["lr"], config.get("weight_decay", 0.0))
    train_dl = DataLoader(TensorDataset(torch.from_numpy(x_tr), torch.from_numpy(y_tr)),
                          batch_size=config["batch_size"], shuffle=True)
    val_dl = DataLoader(TensorDataset(torch.from_numpy(x_va), torch.from_numpy(y_va)), batch_size=1024)
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, callbacks=[ReportToMonitor(monitor)])
    trainer.fit(model, train_dl, val_dl)
    return model
