import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import pytorch_lightning as pl

TARGET = "corrosion_class"
N_SOIL = 8
N_CLASSES = 3


class CorrosionNet(pl.LightningModule):
    """Soil-code embedding + scaled field readings -> MLP -> one score per corrosion class."""

    def __init__(self, x_mean, x_sd, hidden, emb_dim, lr, weight_decay):
        super().__init__()
        self.register_buffer("x_mean", torch.tensor(x_mean, dtype=torch.float32))
        self.register_buffer("x_sd", torch.tensor(x_sd, dtype=torch.float32))
        self.soil = nn.Embedding(N_SOIL, emb_dim)
        self.body = nn.Sequential(
            nn.Linear(emb_dim + len(x_mean), hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, N_CLASSES),
        )
        self.lr, self.weight_decay = lr, weight_decay
        self.last_grad_norm = float("nan")

    def forward(self, x):
        soil = self.soil(x[:, 0].long())
        num = x[:, 1:].clone()
        num[:, 0] = torch.log10(num[:, 0])            # resistivity spans two decades
        num = (num - self.x_mean) / self.x_sd
        return self.body(torch.cat([soil, num], dim=1))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.nll_loss(self(x), y)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        scores = self(x)
        self.log("val_loss", F.nll_loss(scores, y), on_epoch=True)
        self.log("val_acc", (scores.argmax(1) == y).float().mean(), on_epoch=True)

    def on_before_optimizer_step(self, optimizer):
        sq = [p.grad.detach().pow(2).sum() for p in self.parameters() if p.grad is not None]
        self.last_grad_norm = float(torch.sqrt(sum(sq)))

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.lr, weight_decay=self.weight_decay)


class ReportToMonitor(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, module):
        m = trainer.callback_metrics
        self.monitor.log_epoch(train_loss=float(m["train_loss"]), val_loss=float(m["val_loss"]),
                               metric=float(m["val_acc"]), grad_norm=module.last_grad_norm, lr=module.lr)
        if self.monitor.should_stop:
            trainer.should_stop = True


def _tensors(df):
    x = torch.tensor(df.drop(columns=[TARGET]).to_numpy(np.float32))
    y = torch.tensor(df[TARGET].to_numpy(np.int64))
    return x, y


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(config.get("seed", 0), verbose=False)
    x_tr, y_tr = _tensors(data_train)
    x_va, y_va = _tensors(data_val)
    num = x_tr[:, 1:].clone()
    num[:, 0] = torch.log10(num[:, 0])
    model = CorrosionNet(num.mean(0).numpy(), num.std(0).numpy(), config["hidden_units"], config["emb_dim"],
                         config["lr"], config["weight_decay"])
    dl_tr = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_tr, y_tr),
                                        batch_size=config["batch_size"], shuffle=True)
    dl_va = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_va, y_va), batch_size=len(x_va))
    trainer = pl.Trainer(max_epochs=config["epochs"], accelerator="cpu", logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[ReportToMonitor(monitor)])
    trainer.fit(model, dl_tr, dl_va)
    return model
