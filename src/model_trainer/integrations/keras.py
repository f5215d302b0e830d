"""A Keras 3 callback that feeds model-trainer's monitor (torch backend: no TensorFlow needed).

Inside ``model-trainer train`` (function mode)::

    def train_model(data_train, data_val, config, monitor):
        model.fit(x, y, validation_data=(xv, yv), epochs=config["epochs"],
                  callbacks=[ModelTrainerCallback(monitor, metric="val_root_mean_squared_error", metric_name="rmse")])
        return model

Standalone: ``ModelTrainerCallback(workspace="out/")`` records the run in ``out/`` (history CSV, log, run
folder) for ``model-trainer diagnose`` and ``gates``.

Per epoch it logs what Keras already put in ``logs``: ``loss`` as train_loss, ``val_loss``, the chosen
``metric`` key, the optimiser's learning rate, and every other numeric log entry as an extra column.
Keras does not expose gradients to callbacks, so ``grad_norm`` stays an empty cell (never invented).
When the monitor says stop, ``model.stop_training`` is set and Keras ends ``fit``.

Importing this module selects the torch backend unless ``KERAS_BACKEND`` is already set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from model_trainer.integrations.base import MonitorBridge

# keras reads the backend once, at its first import
os.environ.setdefault("KERAS_BACKEND", "torch")

import keras


class ModelTrainerCallback(keras.callbacks.Callback):
    """Feeds ``monitor.log_epoch`` at each ``on_epoch_end`` and honours ``monitor.should_stop``.

    Args:
        monitor: the ``monitor`` argument of ``train_model`` (inside ``model-trainer train``).
        workspace: a folder to record a standalone run in (instead of ``monitor``).
        metric: the ``logs`` key holding the validation metric, e.g. ``val_root_mean_squared_error``.
        metric_name: what ``metric`` is (``rmse``, ``accuracy``...), for the log lines of a standalone run.
        config: the hyperparameters, recorded with a standalone run.
    """

    def __init__(self, monitor: Any = None, *, workspace: str | Path | None = None, metric: str | None = None,
                 metric_name: str = "metric", config: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.bridge = MonitorBridge(monitor, workspace=workspace, metric_name=metric_name, config=config)
        self.metric = metric

    @property
    def run_id(self) -> str | None:
        """The standalone run's id (its folder under ``results/runs/``); None inside ``model-trainer train``."""
        return self.bridge.standalone.run_id if self.bridge.standalone is not None else None

    def _lr(self, logs: dict[str, Any]) -> float | None:
        if "learning_rate" in logs:  # a LearningRateScheduler puts it there
            return float(logs["learning_rate"])
        opt = getattr(self.model, "optimizer", None)
        if opt is None or not hasattr(opt, "learning_rate"):
            return None
        return float(keras.ops.convert_to_numpy(opt.learning_rate))

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = dict(logs or {})
        values = {"train_loss": logs.pop("loss", None), "val_loss": logs.pop("val_loss", None),
                  "metric": logs.pop(self.metric, None) if self.metric else None, "lr": self._lr(logs)}
        logs.pop("learning_rate", None)
        extras = {k: float(v) for k, v in logs.items() if isinstance(v, (int, float)) or hasattr(v, "item")}
        extras = {k: v for k, v in extras.items() if k not in ("epoch", "time_s", "grad_norm")}
        self.bridge.log(**values, **extras)
        if self.bridge.should_stop:
            self.model.stop_training = True

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self.bridge.finish()
