"""One command at a time per workspace: a second `train` is refused at once, with exit 2, naming the holder."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import make_project

SLOW_THEN_CRASH = """
import time
def train_model(data_train, data_val, config, monitor):
    for epoch in range(config["epochs"]):
        monitor.log_epoch(train_loss=1.0 / (epoch + 1), val_loss=1.0 / (epoch + 1))
        time.sleep(0.1)
    raise RuntimeError("done sleeping")
"""


@pytest.mark.slow
def test_second_train_on_a_held_workspace_is_refused_naming_the_holder(tmp_path):
    p = make_project(tmp_path, SLOW_THEN_CRASH, config="epochs = 60\n")
    first = subprocess.Popen([sys.executable, "-m", "model_trainer", "train", str(p.spec), "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder = p.root / ".model-trainer.lock.json"
    deadline = time.monotonic() + 60
    while not holder.exists():
        assert first.poll() is None and time.monotonic() < deadline, "the first command never took the lock"
        time.sleep(0.05)
    t0 = time.monotonic()
    second = subprocess.run([sys.executable, "-m", "model_trainer", "train", str(p.spec), "--quiet"],
                            capture_output=True, text=True, timeout=60)
    took = time.monotonic() - t0
    assert first.poll() is None, "the first command ended before the second was tried; the test proves nothing"
    assert second.returncode == 2, second.stderr
    assert took < 15
    assert f"pid {first.pid}" in second.stderr and "train" in second.stderr and "started" in second.stderr
    assert "Traceback" not in second.stderr
    first.communicate(timeout=120)
    assert first.returncode == 1
    entries = json.loads(p.text("dev_diary.json"))
    assert [e["id"] for e in entries] == [1]
    assert p.text("dev_diary.md").count("## Dev Diary Entry #1") == 1
    runs = sorted((p.root / "results/runs").iterdir())
    assert len(runs) == 1  # the refused command started no run
    hist = pd.read_csv(runs[0] / "history.csv")
    assert hist["epoch"].tolist() == list(range(1, 61))  # one run's rows, in order, none interleaved
    assert not holder.exists()  # released when the command ended
