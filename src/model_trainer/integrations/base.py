"""What the framework callbacks share: a monitor to feed, from ``model-trainer train`` or made standalone.

Inside ``model-trainer train`` (function mode) the user's ``train_model(data_train, data_val, config,
monitor)`` hands its ``monitor`` to the callback, and the supervisor records everything. Run standalone
(a plain ``python train.py``), the callback is given a ``workspace`` folder instead and
:class:`StandaloneRun` writes the same run records the supervisor would: ``training_full.log`` and
``results/runs/<run_id>/`` (config, ``history.csv`` in the contract's columns flushed per epoch, outcome), so
that ``model-trainer diagnose`` and ``gates`` read them like any other. There is no model for the tool to accept,
so the workspace's accepted history, ``results/training_history.csv``, is left alone.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     bridge = MonitorBridge(workspace=d, metric_name="rmse")
...     bridge.log(train_loss=0.5, val_loss=0.6, metric=0.7, lr=0.01)
...     bridge.finish()
...     print(open(bridge.standalone.history_path).readline().strip())
epoch,train_loss,val_loss,metric,grad_norm,time_s,lr
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

from model_trainer.engine.monitor import Monitor
from model_trainer.events import EpochLogged, Event, RunRecord
from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.history import HistoryWriter
from model_trainer.workspace import Workspace


class StandaloneRun:
    """One framework run outside ``model-trainer train``, recorded as the supervisor records a run."""

    def __init__(self, workspace: str | Path, *, metric_name: str = "metric", config: dict[str, Any] | None = None,
                 label: str = "standalone") -> None:
        self.ws = Workspace(Path(workspace))
        self.metric_name = metric_name
        self.run_id = self.ws.new_run_id(label)
        run_dir = self.ws.run_dir(self.run_id)
        self.run_dir = run_dir
        self.rec = RunRecord(run_id=self.run_id, config=dict(config or {}), data_repairs={}, purpose="standalone")
        atomic_write_text(run_dir / "config.json", json.dumps(
            {"run_id": self.run_id, "purpose": "standalone", "kind": "function", "config": self.rec.config,
             "data_repairs": {}, "stop_after_epochs": None}, indent=2, default=str))
        # a standalone run has no model for the tool to accept, so its history stays in its run folder: the
        # workspace's accepted history (results/training_history.csv) is never rewritten from outside a command
        self.history_path = run_dir / "history.csv"
        self._writers = [HistoryWriter(self.history_path)]
        self.ws.log.line(f"run {self.run_id} started (standalone): config={json.dumps(self.rec.config, default=str)}")
        self._t0 = time.monotonic()
        self.monitor = Monitor(self._emit)
        self.monitor.start_clock()
        self.closed = False

    def _emit(self, ev: Event) -> None:
        if isinstance(ev, EpochLogged):
            self.rec.history.append(ev)
            for w in self._writers:
                w.append(ev)
            self.ws.log.epoch(ev, self.metric_name, self.run_id)

    def finish(self, error: BaseException | None = None) -> RunRecord:
        """Write the outcome: ``failed`` with the exception, ``stopped`` when the monitor asked, else completed."""
        if self.closed:
            return self.rec
        self.closed = True
        rec = self.rec
        rec.wall_s = round(time.monotonic() - self._t0, 3)
        if error is not None:
            import traceback

            from model_trainer.events import RunFailed

            rec.status = "failed"
            tb = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            rec.error = RunFailed(type(error).__name__, str(error), tb)
            self.ws.log.error(f"run {self.run_id} failed: {type(error).__name__}: {error}", tb)
        elif self.monitor.should_stop:
            rec.status, rec.stop_reason = "stopped", self.monitor.stop_reason or ""
        else:
            rec.status = "completed"
        for w in self._writers:
            w.close()
        atomic_write_text(self.run_dir / "outcome.json", json.dumps(rec.outcome(), indent=2, default=str))
        self.ws.log.line(f"run {self.run_id}: {rec.status}, {len(rec.history)} epochs, {rec.wall_s:.1f}s"
                         + (f" ({rec.stop_reason})" if rec.stop_reason else ""))
        self.ws.close()
        return rec


class MonitorBridge:
    """The monitor a callback feeds: the one ``model-trainer train`` handed over, or a standalone run's."""

    def __init__(self, monitor: Any = None, *, workspace: str | Path | None = None, metric_name: str = "metric",
                 config: dict[str, Any] | None = None) -> None:
        if (monitor is None) == (workspace is None):
            raise ValueError(f"pass either monitor= (inside model-trainer train) or workspace= (standalone), "
                             f"got monitor={monitor!r}, workspace={workspace!r}")
        if monitor is not None and not (hasattr(monitor, "log_epoch") and hasattr(monitor, "should_stop")):
            raise TypeError(f"monitor={monitor!r} is not a model-trainer monitor (it needs log_epoch and "
                            "should_stop): pass the `monitor` argument of train_model")
        self.standalone = StandaloneRun(workspace, metric_name=metric_name, config=config) \
            if workspace is not None else None
        self.monitor = monitor if monitor is not None else self.standalone.monitor  # type: ignore[union-attr]

    def log(self, **values: Any) -> None:
        """One epoch; values not measured (None) stay empty cells."""
        self.monitor.log_epoch(**{k: v for k, v in values.items() if v is not None})

    @property
    def should_stop(self) -> bool:
        return bool(self.monitor.should_stop)

    def finish(self, error: BaseException | None = None) -> None:
        """Close a standalone run's record; inside ``model-trainer train`` the supervisor does that."""
        if self.standalone is not None:
            self.standalone.finish(error)


def group_norms(per_param: dict[str, float]) -> dict[str, float]:
    """Per top-level group (``fc1.weight`` -> ``fc1``) L2 norms from per-parameter L2 norms, as the monitor names
    them for the built-in loop (``grad_norm.fc1``).

    >>> group_norms({"fc1.weight": 3.0, "fc1.bias": 4.0, "out.weight": 1.0})
    {'grad_norm.fc1': 5.0, 'grad_norm.out': 1.0}
    """
    sums: dict[str, float] = {}
    for name, norm in per_param.items():
        group = name.split(".")[0]
        sums[group] = sums.get(group, 0.0) + float(norm) ** 2
    return {f"grad_norm.{g}": math.sqrt(s) for g, s in sums.items()}
