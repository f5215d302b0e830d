"""Wine cultivar classifier, PyTorch Lightning, reports each epoch to the supervisor."""
import warnings
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
import pytorch_lightning as pl

warnings.filterwarnings("ignore", ".*does not have many workers.*")
warnings.filterwarnings("ignore", ".*GPU available but not used.*")

TARGET = "cultivar"


class CultivarNet(pl.LightningModule):
    def __init__(self, n_features, n_classes, hidden, lr, momentum, mean, std):
        super().__init__()
        self.save_hyperparameters(ignore=["mean", "std"])
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(),
                                 nn.Linear(hidden, n_classes))
        self.loss_fn = nn.CrossEntropyLoss()
        self._tr = []
        self._va = []
        self.last_grad_norm = float("nan")

    def forward(self, x):
        return self.net((x - self.mean) / self.std)

    def training_step(self, batch, _):
        x, y = batch
        loss = self.loss_fn(self(x), y)
        self._tr.append((loss.detach() * len(y), len(y)))
        return loss

    def on_after_backward(self):
        sq = [p.grad.detach().pow(2).sum() for p in self.parameters() if p.grad is not None]
        self.last_grad_norm = float(torch.stack(sq).sum().sqrt()) if sq else float("nan")

    def validation_step(self, batch, _):
        x, y = batch
        logits = self(x)
        self._va.append((self.loss_fn(logits, y) * len(y), (logits.argmax(1) == y).sum(), len(y)))

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=self.hparams.momentum)


class _Report(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, m):
        n_tr = sum(n for _, n in m._tr)
        train_loss = float(sum(l for l, _ in m._tr) / n_tr)
        n_va = sum(n for *_, n in m._va)
        val_loss = float(sum(l for l, _, _ in m._va) / n_va)
        acc = float(sum(c for _, c, _ in m._va) / n_va)
        m._tr.clear(); m._va.clear()
        lr = trainer.optimizers[0].param_groups[0]["lr"]
        self.monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=acc,
                               grad_norm=m.last_grad_norm, lr=lr)
        if self.monitor.should_stop:
            trainer.should_stop = True


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(int(config.get("seed", 0)), verbose=False)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32)
    y_tr = torch.tensor(data_train[TARGET].to_numpy(), dtype=torch.long)
    y_va = torch.tensor(data_val[TARGET].to_numpy(), dtype=torch.long)
    n_classes = int(max(y_tr.max(), y_va.max())) + 1

    model = CultivarNet(len(feats), n_classes, int(config["hidden_units"]), float(config["lr"]),
                        float(config["momentum"]), x_tr.mean(0), x_tr.std(0) + 1e-8)
    dl_tr = DataLoader(TensorDataset(torch.tensor(x_tr), y_tr),
                       batch_size=int(config["batch_size"]), shuffle=True)
    dl_va = DataLoader(TensorDataset(torch.tensor(x_va), y_va), batch_size=256)
    trainer = pl.Trainer(max_epochs=int(config["epochs"]), accelerator="cpu", devices=1,
                         logger=False, enable_checkpointing=False, enable_progress_bar=False,
                         enable_model_summary=False, num_sanity_val_steps=0,
                         callbacks=[_Report(monitor)])
    trainer.fit(model, dl_tr, dl_va)
    model.eval()
    return model
