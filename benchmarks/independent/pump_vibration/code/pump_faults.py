"""Fault class of centrifugal pumps from vibration features, PyTorch Lightning, reports each epoch."""
import warnings
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
import pytorch_lightning as pl

warnings.filterwarnings("ignore", ".*does not have many workers.*")
warnings.filterwarnings("ignore", ".*GPU available but not used.*")

TARGET = "fault_class"


class PumpClassifier(pl.LightningModule):
    def __init__(self, n_features, n_classes, hidden, lr, momentum, mean, std, class_weight):
        super().__init__()
        self.save_hyperparameters(ignore=["mean", "std", "class_weight"])
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, n_classes))
        self.loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(class_weight, dtype=torch.float32))
        self.epoch_train = []
        self.epoch_val = []
        self.grad_norm = float("nan")

    def forward(self, x):
        return self.net((x - self.mean) / self.std)

    def training_step(self, batch, _):
        x, y = batch
        loss = self.loss_fn(self(x), y)
        self.epoch_train.append((float(loss.detach()), len(y)))
        return loss

    def on_before_optimizer_step(self, optimizer):
        norms = [p.grad.detach().norm() for p in self.parameters() if p.grad is not None]
        self.grad_norm = float(torch.stack(norms).norm()) if norms else float("nan")

    def validation_step(self, batch, _):
        x, y = batch
        logits = self(x)
        self.epoch_val.append((float(self.loss_fn(logits, y)), int((logits.argmax(1) == y).sum()), len(y)))

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=self.hparams.momentum)


class EpochReporter(pl.Callback):
    def __init__(self, monitor):
        self.monitor = monitor

    def on_train_epoch_end(self, trainer, m):
        n = sum(k for _, k in m.epoch_train)
        train_loss = sum(l * k for l, k in m.epoch_train) / n
        nv = sum(k for *_, k in m.epoch_val)
        val_loss = sum(l * k for l, _, k in m.epoch_val) / nv
        acc = sum(c for _, c, _ in m.epoch_val) / nv
        m.epoch_train.clear()
        m.epoch_val.clear()
        self.monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=acc, grad_norm=m.grad_norm,
                               lr=trainer.optimizers[0].param_groups[0]["lr"])
        if self.monitor.should_stop:
            trainer.should_stop = True


def train_model(data_train, data_val, config, monitor):
    pl.seed_everything(int(config.get("seed", 0)), verbose=False)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32)
    y_tr = data_train[TARGET].to_numpy()
    y_va = data_val[TARGET].to_numpy()
    n_classes = 4
    counts = np.bincount(y_tr, minlength=n_classes)
    class_weight = np.sqrt(len(y_tr) / (n_classes * np.maximum(counts, 1)))
    model = PumpClassifier(len(feats), n_classes, int(config["hidden_units"]), float(config["lr"]),
                           float(config["momentum"]), x_tr.mean(0), x_tr.std(0) + 1e-8, class_weight)
    dl_tr = DataLoader(TensorDataset(torch.tensor(x_tr), torch.tensor(y_tr, dtype=torch.long)),
                       batch_size=int(config["batch_size"]), shuffle=True)
    dl_va = DataLoader(TensorDataset(torch.tensor(x_va), torch.tensor(y_va, dtype=torch.long)),
                       batch_size=512)
    trainer = pl.Trainer(max_epochs=int(config["epochs"]), accelerator="cpu", logger=False,
                         enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                         num_sanity_val_steps=0, callbacks=[EpochReporter(monitor)])
    trainer.fit(model, dl_tr, dl_va)
    return model
