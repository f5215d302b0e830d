"""The parent's side of a run: start the child, watch budgets and signals, record every event.

The child runs in its own session (so a terminal's Ctrl-C reaches the supervisor, which then stops
the child in order) and sends pickled events on a pipe; its stdout and stderr are read line by
line. Whatever the child does — return, raise, hang, die by a signal — the supervisor ends with
a complete ``RunRecord`` and the files written so far intact.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model_trainer.engine.job import Job
from model_trainer.events import (
    Diagnostics,
    EpochLogged,
    ModelReady,
    Note,
    OutputLine,
    RunFailed,
    RunFinished,
    RunRecord,
    WarningRaised,
)
from model_trainer.records.atomic import atomic_write_bytes, atomic_write_text
from model_trainer.records.history import HistoryWriter
from model_trainer.workspace import Workspace

# What a death by signal usually means, for the log and the diary.
SIGNAL_MEANING = {
    "SIGKILL": "killed with SIGKILL, which cannot be caught: most often the kernel's out-of-memory killer "
               "(check `dmesg` or the job scheduler's memory limit), otherwise a person or a scheduler",
    "SIGSEGV": "segmentation fault: a crash in native code (a C extension, a CUDA kernel, a BLAS call) or a "
               "stack overflow from very deep recursion",
    "SIGABRT": "aborted: a native library called abort(), usually a failed assertion in C/C++ or CUDA code",
    "SIGBUS": "bus error: a bad memory access in native code, often a memory-mapped file that shrank",
    "SIGFPE": "floating-point exception in native code (an integer division by zero)",
    "SIGTERM": "terminated with SIGTERM by another process (a scheduler's time limit or a shutdown)",
    "SIGILL": "illegal instruction: a native library built for another CPU",
}

_EOF = object()
_STOP_GRACE_S = 5.0
_TERM_GRACE_S = 3.0

Watch = Callable[[RunRecord], "str | None"]


def signal_text(code: int) -> tuple[str, str]:
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return name, SIGNAL_MEANING.get(name, "ended by a signal")


class Supervisor:
    def __init__(self, ws: Workspace, *, metric_name: str, ui: Any = None, cwd: Path | None = None) -> None:
        self.ws = ws
        self.metric_name = metric_name
        self.ui = ui
        self.cwd = cwd

    def run(self, job: Job, *, deadline: float | None = None, watch: Watch | None = None,
            mirror_history: bool = False, purpose: str = "train", total_epochs: int | None = None) -> RunRecord:
        rec = RunRecord(run_id=job.run_id, config=dict(job.config), data_repairs=dict(job.data_repairs),
                        purpose=purpose)
        run_dir = self.ws.run_dir(job.run_id)
        atomic_write_text(run_dir / "config.json", json.dumps(
            {"run_id": job.run_id, "purpose": purpose, "kind": job.kind, "config": job.config,
             "data_repairs": job.data_repairs, "stop_after_epochs": job.stop_after_epochs}, indent=2, default=str))
        writers = [HistoryWriter(run_dir / "history.csv")]
        if mirror_history:
            self.ws.reset_history()
            writers.append(HistoryWriter(self.ws.history_path))
        log = self.ws.log
        log.line(f"run {job.run_id} started ({purpose}): kind={job.kind} config={json.dumps(job.config)}"
                 + (f" data_repairs={json.dumps(job.data_repairs)}" if job.data_repairs else ""))
        if self.ui:
            self.ui.start_run(job.run_id, purpose, total_epochs)

        job.parent_pid = os.getpid()
        t0 = time.monotonic()
        r_fd, w_fd = os.pipe()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            [sys.executable, "-u", "-m", "model_trainer.engine.child", str(w_fd)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(w_fd,),
            start_new_session=True, cwd=self.cwd, env=env)
        os.close(w_fd)
        q: queue.Queue[Any] = queue.Queue()
        threads = [
            threading.Thread(target=_read_events, args=(r_fd, q), daemon=True),
            threading.Thread(target=_read_lines, args=(proc.stdout, "stdout", q), daemon=True),
            threading.Thread(target=_read_lines, args=(proc.stderr, "stderr", q), daemon=True),
        ]
        for t in threads:
            t.start()
        try:
            assert proc.stdin is not None
            proc.stdin.write(pickle.dumps(job))
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the child died at once; its exit code tells why

        open_streams = len(threads)
        stop_asked_at: float | None = None
        exited_at: float | None = None
        try:
            while open_streams > 0:
                try:
                    item = q.get(timeout=0.2)
                except queue.Empty:
                    item = None
                if item is _EOF:
                    open_streams -= 1
                elif item is not None:
                    self._handle(item, rec, writers, run_dir)
                    if isinstance(item, EpochLogged) and watch and stop_asked_at is None:
                        reason = watch(rec)
                        if reason:
                            stop_asked_at = time.monotonic()
                            rec.stop_reason = reason
                            log.warning(f"stopping run {job.run_id}: {reason}")
                            _signal(proc, signal.SIGUSR1)
                now = time.monotonic()
                if deadline is not None and now > deadline and rec.status not in ("timeout",):
                    rec.status = "timeout"
                    log.error(f"run {job.run_id} passed the time limit after {now - t0:.1f}s; stopping it "
                              "and keeping what it logged")
                    _terminate(proc)
                elif stop_asked_at is not None and now - stop_asked_at > _STOP_GRACE_S and proc.poll() is None:
                    log.warning(f"run {job.run_id} did not stop within {_STOP_GRACE_S:.0f}s of being asked; "
                                "terminating it")
                    rec.status = "stopped"
                    _terminate(proc)
                    stop_asked_at = float("inf")
                if proc.poll() is not None:
                    exited_at = exited_at or now
                    if now - exited_at > _TERM_GRACE_S:
                        break  # a grandchild still holds the pipes open; the child itself is gone
        except KeyboardInterrupt:
            rec.status = "interrupted"
            log.error(f"interrupted (Ctrl-C / SIGINT) during run {job.run_id}; stopping it and keeping what "
                      "was written so far")
            _terminate(proc)
            _drain(q, lambda it: self._handle(it, rec, writers, run_dir))
        proc.wait()
        rec.exit_code = proc.returncode
        rec.wall_s = round(time.monotonic() - t0, 3)
        self._conclude(rec, proc.returncode)
        atomic_write_text(run_dir / "outcome.json", json.dumps(rec.outcome(), indent=2, default=str))
        if self.ui:
            self.ui.end_run(rec)
        return rec

    def _handle(self, item: Any, rec: RunRecord, writers: list[HistoryWriter], run_dir: Path) -> None:
        log = self.ws.log
        if isinstance(item, EpochLogged):
            rec.history.append(item)
            for w in writers:
                w.append(item)
            log.epoch(item, self.metric_name, rec.run_id)
            if self.ui:
                self.ui.epoch(item)
        elif isinstance(item, OutputLine):
            log.line(f"{item.stream}: {item.text}", item.ts)
            if self.ui:
                self.ui.output(item)
        elif isinstance(item, WarningRaised):
            rec.warnings.append(item)
            where = f" ({item.filename}:{item.lineno})" if item.filename else ""
            log.warning(f"{item.category}: {item.message}{where}", item.ts)
        elif isinstance(item, RunFailed):
            rec.error = item
            log.error(f"run {rec.run_id} raised {item.exc_type}: {item.message}", item.traceback, item.ts)
        elif isinstance(item, Note):
            rec.notes.append(item.text)
            log.line(f"run {rec.run_id}: {item.text}", item.ts)
        elif isinstance(item, ModelReady):
            path = run_dir / "model.pkl"
            atomic_write_bytes(path, item.payload)
            rec.model_path = str(path)
            log.line(f"run {rec.run_id}: model received ({item.description}, {len(item.payload)} bytes)", item.ts)
        elif isinstance(item, Diagnostics):
            rec.diagnostics = item.data
            atomic_write_text(run_dir / "diagnostics.json", json.dumps(item.data, indent=2, default=str))
            log.line(f"run {rec.run_id}: {item.kind} diagnostics: " + ", ".join(
                f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in item.data.items()
                if isinstance(v, (int, float, str, bool))), item.ts)
        elif isinstance(item, RunFinished):
            if rec.status not in ("timeout", "interrupted"):
                rec.status = item.reason
                if item.detail:
                    rec.stop_reason = rec.stop_reason or item.detail
        elif isinstance(item, _Broken):
            log.error(f"run {rec.run_id}: unreadable event from the child: {item.text}")

    def _conclude(self, rec: RunRecord, code: int) -> None:
        log = self.ws.log
        if rec.status in ("timeout", "interrupted"):
            pass  # already explained in the log when it happened
        elif code < 0 and rec.status != "stopped":
            name, meaning = signal_text(code)
            rec.status, rec.signal_name = "killed", name
            log.error(f"run {rec.run_id} died by {name}: {meaning}")
        elif rec.error is not None:
            rec.status = "failed"
        elif code != 0 and rec.status != "stopped":
            rec.status = "failed"
            rec.error = RunFailed(exc_type="ExitCode", message=f"the training process exited with status {code} "
                                  "without raising a Python exception (sys.exit or os._exit in the user's code?)",
                                  traceback="")
            log.error(f"run {rec.run_id}: {rec.error.message}")
        log.line(f"run {rec.run_id} ended: status={rec.status} epochs={len(rec.history)} wall={rec.wall_s:.1f}s"
                 + (f" reason={rec.stop_reason}" if rec.stop_reason else ""))


class _Broken:
    def __init__(self, text: str) -> None:
        self.text = text


def _read_events(fd: int, q: queue.Queue[Any]) -> None:
    with io.BufferedReader(io.FileIO(fd, "rb")) as f:
        while True:
            try:
                q.put(pickle.load(f))
            except EOFError:
                break
            except Exception as exc:  # noqa: BLE001 - a half-written event from a killed child
                q.put(_Broken(f"{type(exc).__name__}: {exc}"))
                break
    q.put(_EOF)


def _read_lines(stream: Any, name: str, q: queue.Queue[Any]) -> None:
    for raw in iter(stream.readline, b""):
        q.put(OutputLine(stream=name, text=raw.decode("utf-8", "replace").rstrip("\r\n")))  # type: ignore[arg-type]
    stream.close()
    q.put(_EOF)


def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.kill(proc.pid, sig)
    except ProcessLookupError:
        pass


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the child's process group, then SIGKILL if it lingers (grandchildren included)."""
    for sig, wait in ((signal.SIGTERM, _TERM_GRACE_S), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _drain(q: queue.Queue[Any], handle: Callable[[Any], None], seconds: float = 2.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            item = q.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is not _EOF:
            handle(item)
