"""The child's side of a run: import the user's code, run it, send events up a pipe.

Started by the supervisor as ``python -m model_trainer.engine.child FD`` with the job pickled on
stdin. The child writes no file: every event goes to the parent, which owns the workspace.
"""

from __future__ import annotations

import faulthandler
import importlib
import importlib.util
import io
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Event, ModelReady, OutputLine, RunFailed, RunFinished, WarningRaised


class Channel:
    """Pickled events on a pipe; a lock because warnings may come from other threads."""

    def __init__(self, fd: int) -> None:
        self._f = io.BufferedWriter(io.FileIO(fd, "wb"))
        self._lock = threading.Lock()

    def emit(self, event: Event) -> None:
        data = pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._f.write(data)
            self._f.flush()


class _LineStream(io.TextIOBase):
    """sys.stdout/sys.stderr for the user's code: each line becomes an event, in order with the epochs.

    Output written below Python (C extensions, the interpreter dying) still reaches the parent
    through the real file descriptors, which it reads as well.
    """

    def __init__(self, channel: Channel, name: str) -> None:
        self._channel = channel
        self._name = name
        self._buf = ""

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self._buf += s
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            self._channel.emit(OutputLine(stream=self._name, text=line.rstrip("\r")))  # type: ignore[arg-type]
        return len(s)

    def flush(self) -> None:
        if self._buf:
            self._channel.emit(OutputLine(stream=self._name, text=self._buf))  # type: ignore[arg-type]
            self._buf = ""

    def isatty(self) -> bool:
        return False


def load_user_module(entry_file: str, module_name: str | None) -> Any:
    """Import the user's file under its own name (so pickled models resolve their classes later)."""
    if module_name:
        return importlib.import_module(module_name)
    path = Path(entry_file)
    sys.path.insert(0, str(path.parent))
    return importlib.import_module(path.stem)


def _watch_parent(parent: int) -> None:
    # A child orphaned by a killed supervisor must not train on, unseen, for hours.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(3)


def main(argv: list[str]) -> int:
    faulthandler.enable()  # a segfault prints the Python stack on fd 2, which the parent logs
    channel = Channel(int(argv[1]))
    job: Job = pickle.load(sys.stdin.buffer)
    threading.Thread(target=_watch_parent, args=(job.parent_pid,), daemon=True).start()
    monitor = Monitor(channel.emit, stop_after_epochs=job.stop_after_epochs)
    signal.signal(signal.SIGUSR1, lambda *_: monitor.request_stop("the supervisor asked the run to stop"))

    def showwarning(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None,
                    line: Any = None) -> None:
        channel.emit(WarningRaised(category=category.__name__, message=str(message), filename=filename,
                                   lineno=lineno))

    warnings.showwarning = showwarning
    sys.stdout = _LineStream(channel, "stdout")
    sys.stderr = _LineStream(channel, "stderr")
    try:
        from model_trainer.kinds import get_kind

        runner = get_kind(job.kind)
        bundle = runner(job, monitor, channel.emit)
    except BaseException as exc:  # noqa: BLE001 - every failure of user code is reported, never lost
        tb = traceback.format_exc()
        channel.emit(RunFailed(exc_type=type(exc).__name__, message=str(exc), traceback=tb))
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if bundle is not None:
        try:
            payload = pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an unpicklable model is reported, the run still counts
            channel.emit(WarningRaised(category="PicklingError",
                                       message=f"the trained model could not be pickled, so no model file "
                                               f"is written: {type(exc).__name__}: {exc}"))
        else:
            channel.emit(ModelReady(payload=payload, description=bundle.describe()))
    if monitor.should_stop:
        channel.emit(RunFinished(reason="stopped", detail=monitor.stop_reason or ""))
    else:
        channel.emit(RunFinished(reason="completed"))
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.__stdout__.flush()
    sys.__stderr__.flush()
    # Every event is flushed: skip the interpreter's teardown, which costs torch users most of a second.
    os._exit(code)
