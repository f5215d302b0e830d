"""Capture: every event is read to the end, a run is completed only with its end message, counts match."""

from __future__ import annotations

import re
import time

import pytest
from _faults import MODEL, diary, gone, history, kill_leftovers, outcome, pids_in, the_run

from conftest import cli

FAST = MODEL + """
import time

def train_model(data_train, data_val, config, monitor):
    n = config["epochs"]
    t = time.perf_counter()
    for i in range(n):
        monitor.log_epoch(train_loss=1.0 / (i + 1), val_loss=0.01 + 1.0 / (i + 1))  # converged: a plateau
    print(f"logged {n} epochs at {n / (time.perf_counter() - t):.0f} per second")
    return Mean(0.5)
"""


@pytest.mark.slow
def test_fast_loop_loses_no_epoch(project):
    n = 50_000
    p = project(FAST, config=f"epochs = {n}\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    run = the_run(p.root)
    hist = history(run)
    assert hist["epoch"].tolist() == list(range(1, n + 1))
    assert hist["train_loss"].iloc[-1] == pytest.approx(1.0 / n)
    o = outcome(run)
    assert o["status"] == "completed" and o["epochs"] == n
    assert (run / "model.pkl").exists() and o["model_path"]
    log = p.text("training_full.log")
    rate = float(re.search(r"logged \d+ epochs at (\d+) per second", log)[1])
    print(f"\n{n} epochs logged by the user's loop at {rate:.0f}/s end to end (back-pressure included)")
    assert log.count(f"run: {o['run_id']}") >= n  # one log line per epoch as well


def test_returned_history_of_3000_rows_is_complete(project):
    code = MODEL + """
def train_model(data_train, data_val):
    loss = [1.0 / (i + 1) for i in range(3000)]
    return Mean(0.1), {"loss": loss, "val_loss": [0.01 + v for v in loss]}  # converged: a plateau
"""
    p = project(code)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    run = the_run(p.root)
    assert history(run)["epoch"].tolist() == list(range(1, 3001))
    assert outcome(run)["status"] == "completed"
    assert (p.root / "results/model_final.pkl").exists()


def test_count_mismatch_fails_the_run(project):
    # The child's count says one more epoch than was sent: the record is incomplete by its own account.
    code = MODEL + """
def train_model(data_train, data_val, config, monitor):
    for i in range(5):
        monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    monitor._epoch += 1
    return Mean()
"""
    p = project(code)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    o = outcome(the_run(p.root))
    assert o["status"] == "failed" and o["error"]["exc_type"] == "RecordMismatch"
    assert "ERROR: run" in p.text("training_full.log") and "logged 6 epochs but 5 were received" in p.text(
        "training_full.log")
    assert "RecordMismatch" in diary(p.root)[0]["error_message"]
    assert not (p.root / "results/model_final.pkl").exists()


def test_exit_without_end_message_is_failed_not_completed(project):
    code = MODEL + """
import os

def train_model(data_train, data_val, config, monitor):
    for i in range(4):
        monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    os._exit(0)
"""
    p = project(code)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    run = the_run(p.root)
    o = outcome(run)
    assert o["status"] == "failed" and o["exit_code"] == 0
    assert "without its end-of-run message" in o["error"]["message"]
    assert history(run)["epoch"].tolist() == [1, 2, 3, 4]
    entry = diary(p.root)[0]
    assert entry["status"] == "unresolved" and "NoEndMessage" in entry["error_message"]


def test_grandchild_holding_the_output_open_does_not_hang_the_run(project, tmp_path):
    # A detached process inherits fds 1 and 2 and would keep the output pipes open for a minute.
    code = MODEL + f"""
import subprocess, sys

def train_model(data_train, data_val, config, monitor):
    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    open({str(tmp_path / "pids")!r}, "w").write(str(p.pid))
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    return Mean()
"""
    p = project(code)
    t = time.monotonic()
    res = cli("train", str(p.spec), "--quiet", timeout=60)
    took = time.monotonic() - t
    pids = pids_in(tmp_path / "pids")
    try:
        assert res.returncode == 0, res.stdout + res.stderr
        assert outcome(the_run(p.root))["status"] == "completed"
        assert took < 30
        assert all(gone(pid) for pid in pids)
    finally:
        kill_leftovers(pids)


def test_output_held_by_a_process_out_of_reach_is_abandoned_after_a_bounded_wait(project, tmp_path):
    # The child dies by SIGKILL before it can report the detached process it started, and before the
    # supervisor's first look at its descendants: nothing knows that process, which holds fds 1 and 2.
    code = MODEL + f"""
import os, signal, subprocess, sys

def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    open({str(tmp_path / "pids")!r}, "w").write(str(p.pid))
    os.kill(os.getpid(), signal.SIGKILL)
"""
    p = project(code)
    t = time.monotonic()
    res = cli("train", str(p.spec), "--quiet", timeout=60)
    took = time.monotonic() - t
    pids = pids_in(tmp_path / "pids")
    try:
        assert res.returncode == 1, res.stdout + res.stderr
        o = outcome(the_run(p.root))
        assert o["status"] == "killed" and o["signal_name"] == "SIGKILL" and o["epochs"] == 1
        assert "still held open by a process outside the run's reach" in p.text("training_full.log")
        assert took < 30
    finally:
        kill_leftovers(pids)
