"""Signals and process trees: SIGINT/SIGTERM/SIGHUP stop a run in order; nothing outlives the run."""

from __future__ import annotations

import os
import signal
import time

import psutil
import pytest
from _faults import MODEL, diary, gone, history, kill_leftovers, outcome, pids_in, signal_cli, start, the_run, wait_for

from conftest import cli

# Each epoch spends most of its time in C code that holds the GIL (a PyDLL call): Python-level
# watchdogs in the child cannot run there, only the kernel's signals act.
IN_C = MODEL + """
import ctypes, os

def train_model(data_train, data_val, config, monitor):
    libc = ctypes.PyDLL(None)
    for epoch in range(10_000):
        monitor.log_epoch(train_loss=1.0 / (epoch + 1), val_loss=1.0)
        libc.usleep(20_000)
    return Mean()
"""


@pytest.mark.parametrize("sig,code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_signal_to_the_command_is_recorded_as_an_interrupt(project, sig, code):
    p = project(IN_C)
    rc, out = signal_cli(["train", str(p.spec)], sig, after_line="epoch: 5 ")
    assert rc == code, out
    run = the_run(p.root)
    o = outcome(run)
    name = signal.Signals(sig).name
    assert o["status"] == "interrupted" and o["signal_name"] == name
    assert len(history(run)) >= 5
    log = p.text("training_full.log")
    assert "ERROR: interrupted" in log and name in log
    (entry,) = diary(p.root)
    assert entry["status"] == "unresolved" and entry["run_ids"] == [o["run_id"]]
    assert ("KeyboardInterrupt" if sig == signal.SIGINT else name) in entry["error_message"]
    assert "Traceback" not in out


def test_child_dies_with_a_killed_supervisor_even_inside_c_code(project):
    code = MODEL + """
import ctypes, os

def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    print(f"child pid {os.getpid()}", flush=True)
    ctypes.PyDLL(None).sleep(120)  # holds the GIL for two minutes
    return Mean()
"""
    p = project(code)
    proc = start(["train", str(p.spec)])
    out = wait_for(proc, "child pid")
    child = int(out.rsplit("child pid", 1)[1].split()[0])
    parent = psutil.Process(child).ppid()
    try:
        # the child is the supervisor's, or forked by the zygote the supervisor started (engine/zygote.py)
        assert parent == proc.pid or psutil.Process(parent).ppid() == proc.pid
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert gone(child, within=5.0), "the training process outlived its supervisor"
        assert gone(parent, within=5.0), "the zygote outlived its supervisor"
    finally:
        kill_leftovers([child, parent] if parent != proc.pid else [child])


def test_timeout_escalates_to_sigkill_for_a_child_that_ignores_sigterm_in_c_code(project):
    code = MODEL + """
import ctypes, os, signal

def train_model(data_train, data_val, config, monitor):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    print(f"child pid {os.getpid()}", flush=True)
    ctypes.PyDLL(None).sleep(120)
    return Mean()
"""
    # long enough for the child to start and print its pid on a loaded machine, far shorter than its sleep
    p = project(code, budget='time_limit = "10s"\n')
    t = time.monotonic()
    res = cli("train", str(p.spec), timeout=90)
    took = time.monotonic() - t
    child = int(res.stdout.rsplit("child pid", 1)[1].split()[0])
    try:
        assert res.returncode == 1, res.stdout + res.stderr
        assert gone(child, within=1.0)
        o = outcome(the_run(p.root))
        assert o["status"] == "timeout" and o["exit_code"] == -signal.SIGKILL
        assert took < 40
        assert diary(p.root)[0]["symptom"] == "timeout"
    finally:
        kill_leftovers([child])


def test_nothing_the_run_started_outlives_a_normal_finish(project, tmp_path):
    # a fork()ed child (same process group), a detached session (its own group) and a double-forked
    # daemon (orphaned at once): all three are ended when the run is.
    code = MODEL + f"""
import os, subprocess, sys, time

def train_model(data_train, data_val, config, monitor):
    pids = []
    pid = os.fork()
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    pids.append(pid)
    detached = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pids.append(detached.pid)
    shell = subprocess.run(["sh", "-c", "setsid sleep 60 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True)
    pids.append(int(shell.stdout))
    open({str(tmp_path / "pids")!r}, "w").write(" ".join(map(str, pids)))
    for epoch in range(3):
        monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    return Mean()
"""
    p = project(code)
    res = cli("train", str(p.spec), "--quiet", timeout=60)
    pids = pids_in(tmp_path / "pids")
    try:
        assert res.returncode == 0, res.stdout + res.stderr
        assert outcome(the_run(p.root))["status"] == "completed"
        assert len(pids) == 3
        assert [pid for pid in pids if not gone(pid)] == []
    finally:
        kill_leftovers(pids)
