"""Helpers shared by the fault-injection tests: start the CLI, signal it, look at processes and records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import psutil

# A model the contract accepts: picklable (module-level class) and with predict(). It predicts the fixture data's
# own linear signal (conftest.linear_data), so a run that returns it is judged good enough and a test of the engine
# is about the engine, not about a model a verdict would rightly reject.
MODEL = """
import numpy as np

class Mean:
    def __init__(self, value=0.0):
        self.value = value
    def predict(self, frame):
        x = frame[[c for c in frame.columns if c.startswith("x")]].to_numpy()
        return x @ np.array([1.0, -2.0, 0.5])[: x.shape[1]]
"""


def start(args: list[str], cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "model_trainer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=cwd)


def wait_for(proc: subprocess.Popen[str], text: str, timeout: float = 60) -> str:
    """Read the CLI's output until a line contains ``text``; the output so far."""
    assert proc.stdout is not None
    seen = []
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        seen.append(line)
        if text in line:
            return "".join(seen)
        assert time.monotonic() < deadline, "".join(seen)
    raise AssertionError(f"{text!r} never appeared:\n{''.join(seen)}")


def signal_cli(args: list[str], sig: int, after_line: str, cwd: Path | None = None) -> tuple[int, str]:
    proc = start(args, cwd)
    out = wait_for(proc, after_line)
    os.kill(proc.pid, sig)
    rest, _ = proc.communicate(timeout=60)
    return proc.returncode, out + rest


def gone(pid: int, within: float = 5.0) -> bool:
    """True once ``pid`` has ended (a zombie waiting for its reaper counts as ended)."""
    deadline = time.monotonic() + within
    while True:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def run_dirs(root: Path) -> list[Path]:
    return sorted((root / "results/runs").iterdir())


def the_run(root: Path) -> Path:
    (run,) = run_dirs(root)
    return run


def outcome(run: Path) -> dict[str, Any]:
    return json.loads((run / "outcome.json").read_text())


def history(run: Path) -> pd.DataFrame:
    return pd.read_csv(run / "history.csv")


def diary(root: Path) -> list[dict[str, Any]]:
    return json.loads((root / "dev_diary.json").read_text())


def pids_in(path: Path) -> list[int]:
    return [int(x) for x in path.read_text().split()]


def kill_leftovers(pids: list[int]) -> None:
    """Don't leave a process behind when a test fails."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
