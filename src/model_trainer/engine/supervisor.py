"""The parent's side of a run: start the child, watch budgets and signals, record every event.

The child runs in its own session and process group (so a terminal's Ctrl-C reaches the supervisor,
which then stops the child in order) and sends framed, pickled events on a pipe; its stdout and
stderr are pipes read line by line. One thread reads all three with ``select``: no queue, no reader
threads, and a fast loop is slowed by the pipe filling up (back-pressure) rather than losing events.

The record is complete only when the child's end-of-run message came and the epochs it counted equal
the epochs received; the pipes are read to their end, however long the backlog, before the run is
concluded. Whatever the child does -- return, raise, hang, fork, die by a signal -- the supervisor
ends the whole process tree and returns a concluded ``RunRecord`` with the files written so far.
"""

from __future__ import annotations

import json
import os
import pickle
import selectors
import signal
import subprocess
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model_trainer.engine import early, signals
from model_trainer.engine.job import Job
from model_trainer.engine.procs import ProcessTree
from model_trainer.engine.wire import FrameReader, Unreadable
from model_trainer.engine.zygote import ForkedChild, Zygote, supported, warm_modules_for
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
from model_trainer.probes.error_messages import SOLVER_NOTE, solver_stopped
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

_STOP_GRACE_S = 5.0    # a run asked to stop (a red flag) gets this long before it is terminated
_TERM_GRACE_S = 3.0    # SIGTERM, then SIGKILL to the whole tree after this long
_END_GRACE_S = 1.0     # after the child's exit, what it left running gets this long to go on SIGTERM
_HOLD_S = 2.0          # output still held open after the SIGKILL (a process out of reach) is read this long
_POLL_S = 1.0          # how often the child's descendants are looked up while it runs
_WATCH_SHARE = 0.05    # the online red-flag checks may use this share of the run's wall time
_CHUNK = 1 << 16
_MAX_LINE = 1 << 20
_SOLVER_MESSAGES_KEPT = 5  # a loop that prints the message every restart says nothing more after the first few

Watch = Callable[[RunRecord], "str | None"]


def signal_text(code: int) -> tuple[str, str]:
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return name, SIGNAL_MEANING.get(name, "ended by a signal")


class _Pipes:
    """The child's events pipe and its stdout/stderr pipes, read without threads."""

    def __init__(self, fds: dict[int, str]) -> None:
        self.sel = selectors.DefaultSelector()
        for fd, name in fds.items():
            os.set_blocking(fd, False)
            self.sel.register(fd, selectors.EVENT_READ, name)
        self.frames = FrameReader()
        self.partial: dict[str, bytes] = {"stdout": b"", "stderr": b""}
        self.last_data = time.monotonic()

    @property
    def open(self) -> bool:
        return bool(self.sel.get_map())

    def names(self) -> list[str]:
        return [k.data for k in self.sel.get_map().values()]

    def wait(self, timeout: float) -> list[Any]:
        return [key for key, _ in self.sel.select(timeout)] if self.open else []

    def read(self, ready: list[Any]) -> list[Any]:
        """What the ready pipes hold, as events and OutputLines, in the order the pipes came ready.

        Order between prints and epochs is arrival order. The user's streams stay real (no wrapper
        that could route prints through the events pipe and order them exactly, at the price of
        breaking ``sys.stdout.buffer``, ``fileno()`` and subprocesses), so output written apart in time
        lands where it belongs, while on a loop logging thousands of epochs a second a line may land a
        few epochs early or late: each pipe is read as soon as it has data, the events pipe may hold a
        backlog the others do not. Each line carries the time it was read.
        """
        items: list[Any] = []
        for key in ready:
            try:
                data = os.read(key.fd, _CHUNK)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if data:
                self.last_data = time.monotonic()
            if key.data == "events":
                if data:
                    items.extend(self.frames.feed(data))
                else:
                    self._close(key)
                    if self.frames.pending:
                        items.append(Unreadable(f"the last event was cut off after {self.frames.pending} bytes "
                                                "(the process died while sending it)"))
            else:
                items.extend(self._lines(key.data, data))
                if not data:
                    self._close(key)
        return items

    def _lines(self, name: str, data: bytes) -> list[OutputLine]:
        if not data:  # end of the stream: a last line without a newline still counts
            rest, self.partial[name] = self.partial[name], b""
            return [_line(name, rest)] if rest else []
        *whole, rest = (self.partial[name] + data).split(b"\n")
        if len(rest) > _MAX_LINE:  # output that never ends a line (binary, progress bars) is cut, not hoarded
            whole.append(rest)
            rest = b""
        self.partial[name] = rest
        return [_line(name, raw) for raw in whole]

    def _close(self, key: Any) -> None:
        self.sel.unregister(key.fd)
        os.close(key.fd)

    def close(self) -> list[Any]:
        """Stop reading what is still open; returns the partial lines kept so far."""
        items: list[Any] = []
        for key in list(self.sel.get_map().values()):
            if key.data != "events":
                items.extend(self._lines(key.data, b""))
            self._close(key)
        self.sel.close()
        return items


def _line(name: str, raw: bytes) -> OutputLine:
    return OutputLine(stream=name, text=raw.decode("utf-8", "replace").rstrip("\r"))  # type: ignore[arg-type]


class Supervisor:
    def __init__(self, ws: Workspace, *, metric_name: str, ui: Any = None, cwd: Path | None = None) -> None:
        self.ws = ws
        self.metric_name = metric_name
        self.ui = ui
        self.cwd = cwd
        # A process that imported the kind's libraries once and forks each run's child: an investigation's runs
        # then skip the interpreter's start and the heavy imports (two to three seconds a run with torch).
        self._zygote: Zygote | None = None
        self._prewarm = os.environ.get("MODEL_TRAINER_PREWARM", "1") != "0" and supported()
        weakref.finalize(self, _end_zygote, self.__dict__)

    def prewarm(self, job: Job) -> None:
        """Start the zygote now, while the caller prepares (data report, references, probes); a no-op while one
        is alive."""
        if self._prewarm and (self._zygote is None or not self._zygote.alive()):
            _end_zygote(self.__dict__)
            warm = warm_modules(job)
            try:
                self._zygote = early.take_zygote(warm, self.cwd) or Zygote.start(warm, self.cwd)
            except OSError:
                self._zygote = None

    def close(self) -> None:
        """End the zygote, if one runs. Safe to call more than once."""
        _end_zygote(self.__dict__)

    def run(self, job: Job, *, deadline: float | None = None, watch: Watch | None = None,
            purpose: str = "train", total_epochs: int | None = None) -> RunRecord:
        # Until the loop, a signal waits: it is acted on once the child exists and can be stopped in order.
        with signals.deferred():
            rec = RunRecord(run_id=job.run_id, config=dict(job.config), data_repairs=dict(job.data_repairs),
                            purpose=purpose)
            run_dir = self.ws.run_dir(job.run_id)
            atomic_write_text(run_dir / "config.json", json.dumps(
                {"run_id": job.run_id, "purpose": purpose, "kind": job.kind, "config": job.config,
                 "data_repairs": job.data_repairs, "stop_after_epochs": job.stop_after_epochs}, indent=2,
                default=str))
            history = HistoryWriter(run_dir / "history.csv")
            log = self.ws.log
            log.line(f"run {job.run_id} started ({purpose}): kind={job.kind} config={json.dumps(job.config)}"
                     + (f" data_repairs={json.dumps(job.data_repairs)}" if job.data_repairs else ""))
            if self.ui:
                self.ui.start_run(job.run_id, purpose, total_epochs)
            job.parent_pid = os.getpid()
            t0 = time.monotonic()
            proc, events_fd = self._start(job)
        tree = ProcessTree(proc.pid)
        assert proc.stdout is not None and proc.stderr is not None
        pipes = _Pipes({events_fd: "events", proc.stdout.fileno(): "stdout", proc.stderr.fileno(): "stderr"})
        end: list[RunFinished] = []

        def handle(item: Any) -> None:
            self._handle(item, rec, history, run_dir)
            if isinstance(item, RunFinished):
                end.append(item)
                tree.add(item.descendants)

        stop_asked_at: float | None = None
        exited_at: float | None = None
        killed_at: float | None = None
        next_poll = t0 + _POLL_S
        watch_s = 0.0
        try:
            while pipes.open:
                signals.raise_pending()
                ready = pipes.wait(0.2)  # the one place a signal interrupts: nothing read is in hand here
                with signals.deferred():
                    for item in pipes.read(ready):
                        handle(item)
                        # The online checks re-read the whole history: on a fast loop they get a bounded
                        # share of the time (every epoch is still recorded; the post-run checks see all).
                        if (watch is not None and stop_asked_at is None and isinstance(item, EpochLogged)
                                and watch_s <= _WATCH_SHARE * (time.monotonic() - t0) + 0.01):
                            w0 = time.monotonic()
                            reason = watch(rec)
                            watch_s += time.monotonic() - w0
                            if reason:
                                stop_asked_at = time.monotonic()
                                rec.stop_reason = reason
                                log.warning(f"stopping run {job.run_id}: {reason}")
                                _signal(proc, signal.SIGUSR1)
                    # One flush per chunk read: a crash of this process loses no more than flushing per row
                    # would, since the chunk has left the pipe either way.
                    history.flush()
                    now = time.monotonic()
                    if exited_at is None:
                        if proc.poll() is not None:
                            # everything the child wrote is in the pipes now; what it started must go too
                            exited_at = now
                            tree.signal(signal.SIGTERM)
                        elif deadline is not None and now > deadline and rec.status != "timeout":
                            rec.status = "timeout"
                            log.error(f"run {job.run_id} passed the time limit after {now - t0:.1f}s; stopping "
                                      "it and keeping what it logged")
                            _terminate(proc, tree)
                        elif stop_asked_at is not None and now - stop_asked_at > _STOP_GRACE_S:
                            log.warning(f"run {job.run_id} did not stop within {_STOP_GRACE_S:.0f}s of being "
                                        "asked; terminating it")
                            rec.status = "stopped"
                            _terminate(proc, tree)
                            stop_asked_at = float("inf")
                        elif now >= next_poll:
                            tree.poll()
                            next_poll = now + _POLL_S
                    elif killed_at is None:
                        if now - exited_at > _END_GRACE_S:
                            tree.signal(signal.SIGKILL)
                            killed_at = now
                    elif now - max(killed_at, pipes.last_data) > _HOLD_S:
                        log.warning(f"run {job.run_id}: {' and '.join(pipes.names())} still held open by a "
                                    f"process outside the run's reach {now - exited_at:.0f}s after the training "
                                    "process ended; stopped reading")
                        break
        except KeyboardInterrupt as exc:
            with signals.deferred():
                self._interrupted(rec, signals.signal_of(exc))
                _terminate(proc, tree)
                _drain(pipes, handle, history, seconds=_HOLD_S)
        with signals.deferred():
            for item in pipes.close():
                handle(item)
            history.close()
            proc.poll()  # reap the child first: a zombie leader would make its group look alive
            tree.end(grace=_END_GRACE_S)
            proc.wait()
            late = signals.take_pending()
            if late is not None and rec.status != "interrupted":
                self._interrupted(rec, late)
            rec.exit_code = proc.returncode
            rec.wall_s = round(time.monotonic() - t0, 3)
            self._conclude(rec, proc.returncode, end[0] if end else None, history)
            atomic_write_text(run_dir / "outcome.json", json.dumps(rec.outcome(), indent=2, default=str))
            if self.ui:
                self.ui.end_run(rec)
        return rec

    def _spawn(self, warm: tuple[str, ...]) -> tuple[subprocess.Popen[bytes], int]:
        r_fd, w_fd = os.pipe()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        try:
            proc = subprocess.Popen(
                [sys.executable, "-u", "-m", "model_trainer.engine.child", str(w_fd), str(os.getpid()),
                 ",".join(warm)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(w_fd,),
                start_new_session=True, cwd=self.cwd, env=env)
        except BaseException:
            os.close(r_fd)
            raise
        finally:
            os.close(w_fd)
        return proc, r_fd

    def _start(self, job: Job) -> tuple[subprocess.Popen[bytes] | ForkedChild, int]:
        """The run's child, forked by the zygote where one runs (started now if none does), else a fresh process."""
        self.prewarm(job)
        forked = self._zygote.fork() if self._zygote is not None else None
        proc: subprocess.Popen[bytes] | ForkedChild
        if forked is not None:
            proc, r_fd = forked, forked.events_fd
        else:
            proc, r_fd = self._spawn(warm_modules(job))
        try:
            assert proc.stdin is not None
            proc.stdin.write(pickle.dumps(job))
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the child died at once; its exit code tells why
        return proc, r_fd

    def _interrupted(self, rec: RunRecord, signum: int) -> None:
        name = signal.Signals(signum).name
        rec.status, rec.signal_name = "interrupted", name
        self.ws.log.error(f"interrupted ({signals.SENDER.get(name, name)}) during run {rec.run_id}; stopping it "
                          "and keeping what was written so far")

    def _handle(self, item: Any, rec: RunRecord, history: HistoryWriter, run_dir: Path) -> None:
        log = self.ws.log
        if isinstance(item, EpochLogged):
            rec.history.append(item)
            history.append(item, flush=False)  # flushed once per batch read: see run()
            log.epoch(item, self.metric_name, rec.run_id)
            if self.ui:
                self.ui.epoch(item)
        elif isinstance(item, OutputLine):
            log.line(f"{item.stream}: {item.text}", item.ts)
            if self.ui:
                self.ui.output(item)
            if len(rec.solver_messages) < _SOLVER_MESSAGES_KEPT and solver_stopped(item.text):
                rec.solver_messages.append(item.text[:300])
        elif isinstance(item, WarningRaised):
            rec.warnings.append(item)
            where = f" ({item.filename}:{item.lineno})" if item.filename else ""
            log.warning(f"{item.category}: {item.message}{where}", item.ts)
        elif isinstance(item, RunFailed):
            rec.error = item
            if item.exc_type == "ContractViolation":
                log.error(f"run {rec.run_id}: {item.message}", None, item.ts)
            else:
                log.error(f"run {rec.run_id} raised {item.exc_type}: {item.message}", item.traceback, item.ts)
        elif isinstance(item, Note):
            rec.notes.append(item.text)
            if len(rec.solver_messages) < _SOLVER_MESSAGES_KEPT and item.text.startswith(SOLVER_NOTE) \
                    and solver_stopped(item.text):
                rec.solver_messages.append(item.text[:300])
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
            if item.detail:
                rec.stop_reason = rec.stop_reason or item.detail
        elif isinstance(item, Unreadable):
            log.error(f"run {rec.run_id}: unreadable event from the child: {item.text}")

    def _conclude(self, rec: RunRecord, code: int, end: RunFinished | None, history: HistoryWriter) -> None:
        log = self.ws.log
        if rec.status in ("timeout", "interrupted"):
            pass  # already explained in the log when it happened
        elif end is None and code < 0 and rec.status != "stopped":
            name, meaning = signal_text(code)
            rec.status, rec.signal_name = "killed", name
            log.error(f"run {rec.run_id} died by {name}: {meaning}")
        elif end is None and rec.status == "stopped":
            pass  # terminated by the supervisor after ignoring a stop request: what it logged stands
        elif end is None:
            rec.status = "failed"
            if rec.error is None:
                rec.error = RunFailed(
                    exc_type="NoEndMessage",
                    message=f"the training process exited with status {code} without its end-of-run message "
                            "(sys.exit or os._exit in the user's code, or it was ended from outside); what it "
                            "logged is kept, the run is not accepted", traceback="")
                log.error(f"run {rec.run_id}: {rec.error.message}")
        elif end.reason == "failed" or rec.error is not None:
            rec.status = "failed"
        else:
            rec.status = end.reason
        if end is not None and end.epochs is not None and end.epochs != len(rec.history):
            rec.status = "failed"
            rec.error = RunFailed(
                exc_type="RecordMismatch",
                message=f"the training process logged {end.epochs} epochs but {len(rec.history)} were received; "
                        "the record is incomplete and the run is not accepted", traceback="")
            log.error(f"run {rec.run_id}: {rec.error.message}")
        if rec.status == "running":  # unreachable by the rules above; never let a run pass unconcluded
            rec.status = "failed"
        log.line(f"run {rec.run_id} ended: status={rec.status} epochs={len(rec.history)} wall={rec.wall_s:.1f}s"
                 + (f" reason={rec.stop_reason}" if rec.stop_reason else ""))


def _signal(proc: subprocess.Popen[bytes] | ForkedChild, sig: int) -> None:
    try:
        os.kill(proc.pid, sig)
    except ProcessLookupError:
        pass


def _terminate(proc: subprocess.Popen[bytes] | ForkedChild, tree: ProcessTree) -> None:
    """SIGTERM to the child's whole tree; SIGKILL to it if the child lingers (a handler that ignores
    SIGTERM, C code holding the GIL); then wait until the child is gone."""
    tree.signal(signal.SIGTERM)
    try:
        proc.wait(timeout=_TERM_GRACE_S)
        return
    except subprocess.TimeoutExpired:
        pass
    tree.signal(signal.SIGKILL)
    try:
        proc.wait(timeout=10.0)  # SIGKILL cannot be refused; only a process stuck in the kernel outlasts it
    except subprocess.TimeoutExpired:
        pass


def _drain(pipes: _Pipes, handle: Callable[[Any], None], history: HistoryWriter, seconds: float) -> None:
    """Read what the pipes still hold after the child was stopped, up to ``seconds``."""
    end = time.monotonic() + seconds
    while pipes.open and time.monotonic() < end:
        for item in pipes.read(pipes.wait(0.05)):
            handle(item)
        history.flush()


def warm_modules(job: Job) -> tuple[str, ...]:
    """What the zygote imports before ``job``'s first run (``zygote.warm_modules_for``)."""
    return warm_modules_for(job.kind, job.entry_file)


def _end_zygote(state: dict[str, Any]) -> None:
    z = state.get("_zygote")
    state["_zygote"] = None
    if z is not None:
        z.close()
