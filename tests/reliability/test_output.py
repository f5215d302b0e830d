"""Output at the file-descriptor level: the user's code sees real streams and every line reaches the log."""

from __future__ import annotations

import re

from _faults import MODEL, outcome, the_run

from conftest import cli

REAL_STREAMS = MODEL + """
import faulthandler, os, subprocess, sys, time

def train_model(data_train, data_val, config, monitor):
    faulthandler.enable()
    sys.stdout.buffer.write(b"bytes through sys.stdout.buffer\\n")
    sys.stdout.flush()
    os.write(sys.stdout.fileno(), b"raw write on fd %d\\n" % sys.stdout.fileno())
    os.write(sys.stderr.fileno(), b"raw write on stderr\\n")
    subprocess.run(["echo", "hi from echo"], stdout=sys.stdout, check=True)
    subprocess.run([sys.executable, "-c", "import sys; print('to stderr from a child', file=sys.stderr)"],
                   stderr=sys.stderr, check=True)
    print("isatty", sys.stdout.isatty(), "type", type(sys.stdout).__name__)
    print("before epoch 1", flush=True)
    time.sleep(0.2)
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    time.sleep(0.2)
    print("after epoch 1", flush=True)
    return Mean()
"""


def test_user_code_sees_real_streams_and_the_log_keeps_every_line(project):
    p = project(REAL_STREAMS)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    assert outcome(the_run(p.root))["status"] == "completed"
    log = p.text("training_full.log")
    for line in ("stdout: bytes through sys.stdout.buffer", "stdout: raw write on fd 1", "stderr: raw write on stderr",
                 "stdout: hi from echo", "stderr: to stderr from a child", "stdout: isatty False type TextIOWrapper"):
        assert line in log, line
    # lines apart in time keep their order relative to the epoch lines
    order = [m.group(0) for m in re.finditer(r"stdout: before epoch 1|epoch: 1 |stdout: after epoch 1", log)]
    assert order == ["stdout: before epoch 1", "epoch: 1 ", "stdout: after epoch 1"]


def test_last_line_without_newline_and_a_segfault_stack_are_kept(project):
    code = MODEL + """
import ctypes, sys

def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    sys.stdout.write("no newline at the end")
    sys.stdout.flush()
    ctypes.string_at(0)
"""
    p = project(code)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1
    log = p.text("training_full.log")
    assert "stdout: no newline at the end" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert outcome(the_run(p.root))["status"] == "killed"
