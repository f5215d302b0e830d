"""The workspace folder (CONTRACT §2): where each artifact lives. Nothing is created until a run starts."""

from __future__ import annotations

import re
import time
from pathlib import Path

from model_trainer.records.log import LogWriter


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.results = self.root / "results"
        self.runs = self.results / "runs"
        self.plots = self.results / "plots"
        self.history_path = self.results / "training_history.csv"
        self.model_path = self.results / "model_final.pkl"
        self.diary_md = self.root / "dev_diary.md"
        self.diary_json = self.root / "dev_diary.json"
        self.log_path = self.root / "training_full.log"
        self._log: LogWriter | None = None
        self._seq = 0

    @property
    def log(self) -> LogWriter:
        if self._log is None:
            self._log = LogWriter(self.log_path)
        return self._log

    def new_run_id(self, label: str) -> str:
        """``YYYYmmdd-HHMMSS-NN-label``: sortable, unique within the workspace."""
        self.runs.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-")[:40] or "run"
        while True:
            self._seq += 1
            run_id = f"{stamp}-{self._seq:02d}-{safe}"
            if not (self.runs / run_id).exists():
                return run_id

    def run_dir(self, run_id: str) -> Path:
        d = self.runs / run_id
        d.mkdir(parents=True, exist_ok=True)
        return d

    def reset_history(self) -> None:
        """The accepted run's history replaces the previous one; the old file stays in its run folder."""
        self.history_path.unlink(missing_ok=True)
        self.results.mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
