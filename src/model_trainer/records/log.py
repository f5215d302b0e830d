"""``training_full.log``: timestamped, append-only, flushed per line (CONTRACT §6).

Epoch lines read ``epoch: 12 train_loss: 0.4100 val_loss: 0.4400 rmse: 4.2000 grad_norm: 0.8000 lr: 0.01
time: 3.1s``; failures are ``ERROR: ...`` lines and warnings ``WARNING: ...`` lines, so regex log
analyzers find them. No level names are written for ordinary lines.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TextIO

from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num, short

_ORDER = ("train_loss", "val_loss", "metric", "grad_norm", "lr")


def stamp(ts: float | None = None) -> str:
    t = time.time() if ts is None else ts
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t)) + f".{int((t % 1) * 1000):03d}"


def epoch_text(ev: EpochLogged, metric_name: str) -> str:
    parts = [f"epoch: {ev.epoch}"]
    for key in _ORDER:
        v = ev.values.get(key)
        if v is None:
            continue
        label = metric_name if key == "metric" else key
        parts.append(f"{label}: {short(v) if key == 'lr' else num(v)}")
    if ev.time_s == ev.time_s:  # not measured for a returned history
        parts.append(f"time: {ev.time_s:.1f}s")
    return " ".join(parts)


class LogWriter:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._f: TextIO = open(path, "a", encoding="utf-8")
        self._lock = threading.Lock()  # the supervisor's reader and the references' thread write lines too

    def line(self, text: str, ts: float | None = None) -> None:
        prefix = stamp(ts)
        with self._lock:
            if self._f.closed:
                return  # a background thread (the references) finishing after the command ended
            for part in text.splitlines() or [""]:
                self._f.write(f"{prefix} {part}\n")
            self._f.flush()

    def epoch(self, ev: EpochLogged, metric_name: str, run_id: str) -> None:
        self.line(f"{epoch_text(ev, metric_name)} run: {run_id}", ev.ts)

    def error(self, message: str, detail: str = "", ts: float | None = None) -> None:
        self.line(f"ERROR: {message}", ts)
        if detail:
            self.line(detail.rstrip("\n"), ts)

    def warning(self, message: str, ts: float | None = None) -> None:
        self.line(f"WARNING: {message}", ts)

    def close(self) -> None:
        with self._lock:
            self._f.close()
