"""The ``Monitor`` handed to the user's ``train_model(data_train, data_val, config, monitor)``.

Example:
    >>> def train_model(data_train, data_val, config, monitor):   # doctest: +SKIP
    ...     for epoch in range(config["epochs"]):
    ...         loss = step(...)
    ...         monitor.log_epoch(train_loss=loss, val_loss=evaluate(), grad_norm=net)
    ...         if monitor.should_stop:
    ...             break
    ...     return net
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from model_trainer.columns import chosen
from model_trainer.events import EpochLogged, Event, Note

_STANDARD = ("train_loss", "val_loss", "metric", "grad_norm", "lr")


def _scalar(name: str, value: Any) -> float | None:
    """Turn a python/numpy/torch scalar into a float; quote the bad value otherwise."""
    if value is None:
        return None
    if hasattr(value, "item") and callable(value.item):
        try:
            value = value.item()  # one host sync per epoch, not per step
        except (ValueError, RuntimeError) as exc:
            raise TypeError(f"monitor.log_epoch({name}=...) needs a scalar, got a value of shape "
                            f"{getattr(value, 'shape', '?')}") from exc
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"monitor.log_epoch({name}={value!r}): expected a number")
    return float(value)


def _seconds(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def grad_norms(module: Any) -> dict[str, float]:
    """Total gradient L2 norm of a torch module and one norm per top-level parameter group.

    Groups are the first component of each parameter's name (``fc1.weight`` -> ``fc1``), the level
    at which layers are usually named and at which heterogeneity shows.
    """
    import torch

    groups: dict[str, list[torch.Tensor]] = {}
    for name, p in module.named_parameters():
        if p.grad is not None:
            groups.setdefault(name.split(".")[0], []).append(p.grad.detach())
    if not groups:
        return {}
    per_group = {g: torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t) for t in ts]))
                 for g, ts in groups.items()}
    total = torch.linalg.vector_norm(torch.stack(list(per_group.values())))
    stacked = torch.stack([total, *per_group.values()]).cpu().tolist()  # one transfer for all
    out = {"grad_norm": stacked[0]}
    for g, v in zip(per_group, stacked[1:], strict=True):
        out[f"grad_norm.{g}"] = v
    return out


class Monitor:
    """Records epochs for the supervisor and tells the user's loop when to stop."""

    def __init__(self, emit: Callable[[Event], None], *, stop_after_epochs: int | None = None) -> None:
        self._emit = emit
        self._stop_after = stop_after_epochs
        self._t_last = time.perf_counter()
        self._epoch = 0
        self._stop_reason: str | None = None
        # set where the tool zeroes every gradient after the optimiser's step (a diagnostic of a loop that never
        # does): the module's gradients at the end of an epoch are then zeros of the tool's making, not measured
        self.grads_cleared_after_step = False
        # called once each after every logged epoch: the tool's own end-of-epoch work in a user's loop (the
        # schedulers a diagnostic steps once per epoch)
        self.epoch_hooks: list[Callable[[], None]] = []

    @property
    def epoch(self) -> int:
        """Epochs logged so far."""
        return self._epoch

    @property
    def should_stop(self) -> bool:
        """True once the supervisor wants the run to end (non-finite loss, a red flag, a short test run)."""
        return self._stop_reason is not None

    @property
    def stop_reason(self) -> str | None:
        return self._stop_reason

    def start_clock(self) -> None:
        """Start timing epochs now: imports, data loading and model building are not training time."""
        self._t_last = time.perf_counter()

    def request_stop(self, reason: str) -> None:
        if self._stop_reason is None:
            self._stop_reason = reason

    def log_epoch(self, train_loss: Any = None, val_loss: Any = None, metric: Any = None, grad_norm: Any = None,
                  lr: Any = None, **extra: Any) -> None:
        """Record one epoch. ``grad_norm`` may be a number or a torch module (norms are computed here)."""
        now = time.perf_counter()
        values: dict[str, float | None] = {}
        if grad_norm is not None and hasattr(grad_norm, "named_parameters"):
            if not self.grads_cleared_after_step:
                values.update(grad_norms(grad_norm))
            values.setdefault("grad_norm", None)
            grad_norm = None
        for key, val in (("train_loss", train_loss), ("val_loss", val_loss), ("metric", metric),
                         ("grad_norm", grad_norm), ("lr", lr)):
            if val is not None:
                values[key] = _scalar(key, val)
        # the history's own columns, as a returned history may hold them: the monitor numbers the epochs, and a time
        # the code measured itself is the epoch's time
        extra.pop("epoch", None)
        own_time = _seconds(extra.pop("time_s", None))
        own_time = own_time if math.isfinite(own_time) and own_time >= 0 else None
        for key, val in extra.items():
            values[key] = _scalar(key, val)
        self._epoch += 1
        self._emit(EpochLogged(epoch=self._epoch, values=values,
                               time_s=own_time if own_time is not None else round(now - self._t_last, 6)))
        self._t_last = now
        for hook in self.epoch_hooks:
            hook()
        for key in ("train_loss", "val_loss"):
            v = values.get(key)
            if v is not None and not math.isfinite(v):
                self.request_stop(f"non-finite {key} ({v}) at epoch {self._epoch}")
        if self._stop_after is not None and self._epoch >= self._stop_after:
            self.request_stop(f"test run limited to {self._stop_after} epochs")

    def log_history(self, history: Any, metric: str | None = None) -> int:
        """Record a returned history (dict of lists or DataFrame) as if each row had been logged; ``metric`` is the
        spec's, which picks the column taken for the validation metric (``columns.chosen``)."""
        rows = history_rows(history, metric)
        skipped: list[str] = []
        for row in rows:
            row = dict(row)
            row.pop("epoch", None)
            t = row.pop("time_s", None)
            values = {}
            for k, v in row.items():
                try:
                    values[k] = _scalar(k, v)
                except TypeError:
                    if k in ("train_loss", "val_loss", "metric"):
                        raise
                    # a column of labels or timestamps beside the numbers: not a measurement, and no reason to
                    # lose the run
                    if k not in skipped:
                        skipped.append(k)
            # a DataFrame pads unmeasured cells with NaN: keep NaN only where it is a measured loss or metric
            values = {k: v for k, v in values.items() if v is not None and
                      (not math.isnan(v) or k in ("train_loss", "val_loss", "metric"))}
            self._epoch += 1
            self._emit(EpochLogged(epoch=self._epoch, values=values, time_s=_seconds(t)))
        if skipped:
            self._emit(Note(text="the returned history's column(s) " + ", ".join(f"`{k}`" for k in skipped)
                            + " hold values that are not numbers and were left out"))
        return len(rows)


def history_rows(history: Any, metric: str | None = None) -> list[dict[str, Any]]:
    """Normalise a returned history (dict of lists, list of dicts, DataFrame, numpy structured array, Keras History)
    to rows.

    >>> import numpy as np
    >>> h = np.array([(1, 0.5, 0.6), (2, 0.4, 0.55)], dtype=[("epoch", "i4"), ("train_loss", "f8"), ("val_loss", "f8")])
    >>> history_rows(h)[1]
    {'epoch': 2, 'train_loss': 0.4, 'val_loss': 0.55}
    """
    if history is None:
        return []
    if hasattr(history, "history") and isinstance(history.history, dict):  # keras.callbacks.History
        history = history.history
    if hasattr(history, "to_dict") and hasattr(history, "columns"):
        history = {str(c): list(history[c]) for c in history.columns}
    names = getattr(getattr(history, "dtype", None), "names", None)
    if names and getattr(history, "ndim", None) == 1:  # a numpy structured (record) array: one field per column
        history = {str(n): history[n].tolist() for n in names}
    if isinstance(history, dict):
        # a string has a length too, but a column of one value per epoch it is not
        lengths = {k: len(v) for k, v in history.items() if hasattr(v, "__len__") and not isinstance(v, (str, bytes))}
        if not lengths:
            raise TypeError("the returned history is a dict without lists")
        n = max(lengths.values())
        names = chosen([str(k) for k in history], metric)
        rows = []
        for i in range(n):
            row = {}
            for k, v in history.items():
                if k in lengths and i < lengths[k]:
                    row[names.get(str(k), str(k))] = v[i]
            rows.append(row)
        return rows
    if isinstance(history, list) and all(isinstance(r, dict) for r in history):
        names = chosen(list(dict.fromkeys(str(k) for r in history for k in r)), metric)
        return [{names.get(str(k), str(k)): v for k, v in r.items()} for r in history]
    raise TypeError(f"the returned history must be a dict of lists, a list of dicts, a DataFrame, a numpy structured "
                    f"array or a Keras History, got {type(history).__name__}")
