"""History CSVs: ``epoch,train_loss,val_loss,metric,grad_norm,time_s,lr`` then extras; flushed per epoch.

A value that was not measured is an empty cell. When a new extra column first appears the file
is rewritten atomically with the wider header; otherwise rows are appended.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any, TextIO

from model_trainer.events import HISTORY_COLUMNS, EpochLogged
from model_trainer.records.atomic import atomic_write_text


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value)
    return str(value)


def columns_for(events: list[EpochLogged]) -> list[str]:
    extras: list[str] = []
    for ev in events:
        for k in ev.values:
            if k not in HISTORY_COLUMNS and k not in extras:
                extras.append(k)
    return [*HISTORY_COLUMNS, *extras]


def render(events: list[EpochLogged]) -> str:
    cols = columns_for(events)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for ev in events:
        row = ev.row()
        w.writerow([cell(row.get(c)) for c in cols])
    return buf.getvalue()


class HistoryWriter:
    """Appends rows to an open file; ``append(ev, flush=False)`` plus one ``flush()`` per batch lets a
    fast stream of epochs cost one write per batch instead of an open, a write and a close per row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.events: list[EpochLogged] = []
        self.cols: list[str] | None = None
        self._f: TextIO | None = None
        self._w: Any = None

    def append(self, ev: EpochLogged, flush: bool = True) -> None:
        self.events.append(ev)
        if self.cols is None or any(k not in self.cols for k in ev.values):
            self.close()
            self.cols = columns_for(self.events)
            atomic_write_text(self.path, render(self.events))
            return
        if self._f is None:
            self._f = open(self.path, "a", encoding="utf-8", newline="")
            self._w = csv.writer(self._f, lineterminator="\n")
        row = ev.row()
        self._w.writerow([cell(row.get(c)) for c in self.cols])
        if flush:
            self._f.flush()

    def flush(self) -> None:
        if self._f is not None:
            self._f.flush()

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = self._w = None


def write_history(path: Path, events: list[EpochLogged]) -> None:
    atomic_write_text(path, render(events))
