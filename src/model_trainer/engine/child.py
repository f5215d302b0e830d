"""The child's side of a run: import the user's code, run it, send events up a pipe.

Started by the supervisor as ``python -m model_trainer.engine.child FD PARENT_PID`` with the job pickled
on stdin. The child writes no file: every event goes to the parent, which owns the workspace.

The user's code sees the real ``sys.stdout``/``sys.stderr``: file descriptors 1 and 2 are pipes the
supervisor reads line by line into the log, so ``sys.stdout.buffer``, ``fileno()``, ``faulthandler``
and subprocesses writing to the inherited descriptors work as they do outside the tool.

Every run ends with one ``RunFinished`` carrying the number of epochs logged here; the supervisor
accepts a run only when that message came and the count matches what it received.
"""

from __future__ import annotations

import faulthandler
import importlib
import importlib.util
import io
import os
import pickle
import re
import signal
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

from model_trainer.engine import procs
from model_trainer.engine.contract import ContractViolation, unpicklable
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.engine.wire import encode
from model_trainer.events import Event, ModelReady, Note, RunFailed, RunFinished, WarningRaised


class Channel:
    """Framed, pickled events on a pipe: one write per event, so a killed child loses at most the one in
    flight; a lock because warnings may come from other threads."""

    def __init__(self, fd: int) -> None:
        self._f = io.FileIO(fd, "wb")
        self._lock = threading.Lock()

    def emit(self, event: Event) -> None:
        data = encode(event)
        with self._lock:
            view = memoryview(data)
            while view:  # a pipe may take a large event (the model) in several writes
                n = self._f.write(view)
                view = view[n or 0:]


def load_user_module(entry_file: str, module_name: str | None) -> Any:
    """Import the user's file under its own name (so pickled models resolve their classes later)."""
    if module_name:
        return importlib.import_module(module_name)
    path = Path(entry_file)
    sys.path.insert(0, str(path.parent))
    return importlib.import_module(path.stem)


def _watch_parent(parent: int) -> None:
    # Where the kernel cannot kill us with our parent: a child orphaned by a killed supervisor must not
    # train on, unseen, for hours.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(3)


def _model_payload(bundle: Any) -> bytes:
    if bundle is None:
        raise ContractViolation("the training returned no model")
    try:
        return pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # any failure to pickle means the model cannot be saved
        raise ContractViolation(unpicklable(type(getattr(bundle, "model", bundle)).__name__, exc)) from exc


def _check_reload(payload: bytes, channel: Channel) -> None:
    """Load the model's pickle again, here where its libraries are imported: a model that pickles but cannot be
    rebuilt from its pickle (a Keras ``Lambda`` whose output shape the backend cannot infer, a ``__reduce__`` that
    needs what only the training session had) is saved all the same, and the log says that loading it will fail, and
    why."""
    try:
        pickle.loads(payload)
    except Exception as exc:  # noqa: BLE001 - whatever stops the reload is what the user will meet
        said = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).split())[:300]  # without a terminal's colours
        channel.emit(Note(text=f"WARNING: the model's file will not load again: unpickling it raises "
                               f"{type(exc).__name__}: {said}; keep the code that "
                               "built it, or make the model rebuildable (for Keras, give a Lambda its output_shape)"))


def main(argv: list[str]) -> int:
    """A child started as a fresh process: ``FD PARENT_PID [MODULE,...]``."""
    parent = int(argv[2]) if len(argv) > 2 else os.getppid()
    if not procs.die_with_parent(parent):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    faulthandler.enable()  # a segfault prints the Python stack on fd 2, which the parent logs
    channel = Channel(int(argv[1]))
    warm(argv[3].split(",") if len(argv) > 3 and argv[3] else [])
    return _run(channel)


def forked(events_fd: int, parent: int) -> int:
    """A child forked by the zygote (``engine/zygote.py``), its pipes already on fds 0-2: the same run as ``main``
    without the imports, which the zygote made once."""
    if not procs.die_with_parent(parent):
        return 3
    faulthandler.enable()
    code = _run(Channel(events_fd))
    _flush_std()
    return code


# the torch function mode of ``kinds/function.py`` (a probe over a run's first epoch) stands between a torch function
# and its caller: a warning torch raises "at its caller" (``stacklevel=2``) then points at the probe
_PROBE_FILES = frozenset({str(Path(__file__).parent.parent / "kinds" / "function.py"),
                           str(Path(__file__).resolve().parent.parent / "kinds" / "function.py")})


def _beyond_probe(filename: str, lineno: int) -> tuple[str, int]:
    """Where a warning that points at the probe was raised from: the first frame outside the probe and torch above
    it, as it would have pointed without the probe."""
    if filename not in _PROBE_FILES:
        return filename, lineno
    frame = sys._getframe(2)
    seen = False
    while frame is not None:
        name = frame.f_code.co_filename
        if name in _PROBE_FILES:
            seen = True
        elif seen and f"{os.sep}torch{os.sep}" not in name and not name.startswith("<"):
            return name, frame.f_lineno
        frame = frame.f_back
    return filename, lineno


def _run(channel: Channel) -> int:
    job: Job = pickle.load(sys.stdin.buffer)
    # the user's code sees the command line of ``python model.py``: argparse at import time finds no argument of the
    # tool's (this process may be a fork of the command itself, ``engine/early.py``)
    sys.argv = [job.entry_file or job.module_name or "train_model"]
    procs.become_subreaper()
    monitor = Monitor(channel.emit, stop_after_epochs=job.stop_after_epochs)
    signal.signal(signal.SIGUSR1, lambda *_: monitor.request_stop("the supervisor asked the run to stop"))

    def showwarning(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None,
                    line: Any = None) -> None:
        filename, lineno = _beyond_probe(filename, lineno)
        channel.emit(WarningRaised(category=category.__name__, message=str(message), filename=filename,
                                   lineno=lineno))

    warnings.showwarning = showwarning
    reason, detail = "completed", ""
    try:
        from model_trainer.kinds import get_kind

        runner = get_kind(job.kind)
        bundle = runner(job, monitor, channel.emit)
        payload = _model_payload(bundle)
    except ContractViolation as exc:
        # the tool's own frames say nothing the message does not: no traceback
        channel.emit(RunFailed(exc_type="ContractViolation", message=str(exc), traceback=""))
        reason = "failed"
    except BaseException as exc:  # noqa: BLE001 - every failure of user code is reported, never lost
        channel.emit(RunFailed(exc_type=type(exc).__name__, message=str(exc), traceback=traceback.format_exc()))
        reason = "failed"
    else:
        _check_reload(payload, channel)
        channel.emit(ModelReady(payload=payload, description=bundle.describe()))
        if monitor.should_stop:
            reason, detail = "stopped", monitor.stop_reason or ""
    finally:
        _flush_std()
    # Last: what the run started is reported so the supervisor can end it (the child is a subreaper, so
    # even daemons that double-forked are still its descendants here).
    try:
        started = procs.own_descendants()
    except Exception:  # noqa: BLE001 - the end message matters more than this list; the supervisor polls too
        started = []
    channel.emit(RunFinished(reason=reason, detail=detail, epochs=monitor.epoch,  # type: ignore[arg-type]
                             descendants=started))
    return 1 if reason == "failed" else 0


def warm(modules: list[str]) -> None:
    """Import the heavy libraries and the kind's module before the job arrives (a zygote does this once for every
    run it forks). A library that fails to import here fails again, with its real error, when the run imports it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in modules:
            try:
                if "@" in name:
                    # a library configured by the environment when imported: ``keras@KERAS_BACKEND=torch``
                    name, setting = name.split("@", 1)
                    var, value = setting.split("=", 1)
                    if os.environ.setdefault(var, value) != value:
                        continue  # the environment names another: the run's own import decides
                if name == "skops.io":
                    from model_trainer.safemodel import import_skops

                    import_skops()  # without the torch it would otherwise import for nothing
                else:
                    importlib.import_module(name)
            except Exception:  # noqa: BLE001 - see the docstring
                continue
        if "torch" in sys.modules and any(m.split(".")[0] == "torch" for m in modules):
            # only for programs that train with torch: an optimiser is of no use to the others
            _warm_torch(sys.modules["torch"])


def _warm_torch(torch: Any) -> None:
    """The first optimiser a process builds imports ``torch._dynamo`` (over a second on a CPU core): one built
    here on a throwaway tensor pays that before the job arrives. Draws no random numbers, so seeds are untouched."""
    try:
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    except Exception:  # noqa: BLE001 - only a head start; the run builds its own
        pass


def _flush_std() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - a stream the user closed or replaced cannot lose the run
            continue


if __name__ == "__main__":
    code = main(sys.argv)
    _flush_std()
    # Every event is written: skip the interpreter's teardown, which costs torch users most of a second.
    os._exit(code)
