"""A PyTorch Lightning callback that feeds model-trainer's monitor.

Inside ``model-trainer train`` (function mode)::

    def train_model(data_train, data_val, config, monitor):
        trainer = pl.Trainer(max_epochs=config["epochs"],
                             callbacks=[ModelTrainerCallback(monitor, metric="val_rmse", metric_name="rmse")])
        trainer.fit(module, train_loader, val_loader)
        return module

Standalone (a plain ``python train.py``): ``ModelTrainerCallback(workspace="out/")`` writes
``out/training_full.log`` and ``out/results/runs/<run_id>/`` (config, ``history.csv``, outcome), which
``model-trainer diagnose out/results/runs/<run_id>/history.csv`` and ``model-trainer gates out`` read.

Per epoch it logs what Lightning already computed: the epoch values of what the module logged under
``train_loss``/``val_loss``/``metric`` (``self.log(..., on_epoch=True)``), the first optimiser's learning
rate, and the gradient norm from ``lightning.pytorch.utilities.grad_norm`` taken at the epoch's first
optimiser step, before clipping (as the built-in torch loop measures it). When the monitor says stop (a
non-finite loss, a supervisor's request), ``trainer.should_stop`` is set and Lightning ends the fit.

Works with the ``lightning`` package (``lightning.pytorch``) or ``pytorch-lightning`` (``pytorch_lightning``),
whichever is installed; the former is preferred when both are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model_trainer.integrations.base import MonitorBridge, group_norms

try:
    import lightning.pytorch as pl
    from lightning.pytorch.utilities import grad_norm
except ImportError:  # the standalone pytorch-lightning distribution
    import pytorch_lightning as pl
    from pytorch_lightning.utilities import grad_norm


class ModelTrainerCallback(pl.Callback):
    """Feeds ``monitor.log_epoch`` once per training epoch and honours ``monitor.should_stop``.

    Args:
        monitor: the ``monitor`` argument of ``train_model`` (inside ``model-trainer train``).
        workspace: a folder to record a standalone run in (instead of ``monitor``).
        train_loss, val_loss, metric: names the module logs these under (``metric`` optional).
        metric_name: what ``metric`` is (``rmse``, ``accuracy``...), for the log lines of a standalone run.
        grad_norms: measure the gradient norm (total and per top-level module) once per epoch.
        config: the hyperparameters, recorded with a standalone run.
    """

    def __init__(self, monitor: Any = None, *, workspace: str | Path | None = None, train_loss: str = "train_loss",
                 val_loss: str = "val_loss", metric: str | None = None, metric_name: str = "metric",
                 grad_norms: bool = True, config: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.bridge = MonitorBridge(monitor, workspace=workspace, metric_name=metric_name, config=config)
        self.keys = {"train_loss": train_loss, "val_loss": val_loss, "metric": metric}
        self.grad_norms = grad_norms
        self._norms: dict[str, float] = {}
        self._measure = False
        self._val_epoch: int | None = None

    @property
    def run_id(self) -> str | None:
        """The standalone run's id (its folder under ``results/runs/``); None inside ``model-trainer train``."""
        return self.bridge.standalone.run_id if self.bridge.standalone is not None else None

    def on_train_epoch_start(self, trainer: Any, pl_module: Any) -> None:
        self._norms, self._measure = {}, self.grad_norms

    def on_before_optimizer_step(self, trainer: Any, pl_module: Any, optimizer: Any) -> None:
        if not self._measure:
            return
        self._measure = False
        norms = grad_norm(pl_module, norm_type=2)
        per_param = {k.split("/", 1)[1]: float(v) for k, v in norms.items() if "_norm/" in k}
        total = [float(v) for k, v in norms.items() if k.endswith("_norm_total")]
        if total:
            self._norms = {"grad_norm": total[0], **group_norms(per_param)}

    def _value(self, trainer: Any, key: str | None) -> Any:
        if key is None:
            return None
        metrics = trainer.callback_metrics
        # `self.log(name, on_step=True, on_epoch=True)` keeps the epoch value under `name_epoch`
        return metrics.get(f"{key}_epoch", metrics.get(key))

    def on_validation_epoch_end(self, trainer: Any, pl_module: Any) -> None:
        if not trainer.sanity_checking:
            self._val_epoch = trainer.current_epoch

    def on_train_epoch_end(self, trainer: Any, pl_module: Any) -> None:
        # Lightning runs the epoch's validation before this hook; in an epoch without validation
        # (check_val_every_n_epoch > 1) the callback metrics still hold an earlier epoch's values: not this one's
        values = {k: self._value(trainer, key) for k, key in self.keys.items()}
        if self._val_epoch != trainer.current_epoch:
            values["val_loss"] = values["metric"] = None   # the metric is a validation one (CONTRACT §2)
        lr = trainer.optimizers[0].param_groups[0]["lr"] if trainer.optimizers else None
        self.bridge.log(**values, lr=lr, **self._norms)
        if self.bridge.should_stop:
            trainer.should_stop = True

    def on_fit_end(self, trainer: Any, pl_module: Any) -> None:
        self.bridge.finish()

    def on_exception(self, trainer: Any, pl_module: Any, exception: BaseException) -> None:
        self.bridge.finish(exception)
