"""A warm process that forks each run's child: the heavy imports are paid once per command, not once per run.

An investigation retrains the same program many times, and on small data a run's own work is a fraction of a
second while a fresh interpreter importing torch (and the ``torch._dynamo`` its first optimiser pulls in) takes
two to three. The zygote imports the kind's libraries once, has never imported the user's code, and for every
run forks a child that is exactly what a freshly started child would be after its imports: its own session,
stdin/stdout/stderr and event pipes the supervisor made for this run (passed over a Unix socket), the same
``die_with_parent`` guard, and fresh random state (numpy and torch would otherwise hand every fork the same
stream).

Protocol on a ``SOCK_SEQPACKET`` socket pair: the supervisor sends ``b"run"`` with four descriptors (stdin's
read end, stdout's and stderr's write ends, the events' write end); the zygote answers ``b"pid N"``, and
``b"exit N CODE"`` when that child ends (CODE as ``Popen.returncode``: negative for a signal). The zygote ends
when the socket closes or the supervisor dies (Linux only: the kernel's parent-death signal).

Example (a forked child has the part of ``Popen``'s interface the supervisor uses):
    >>> z = Zygote.start(("numpy", "pandas", "torch"), cwd=None)   # doctest: +SKIP
    >>> child = z.fork()           # doctest: +SKIP
    >>> child.pid, child.poll()    # doctest: +SKIP
    >>> z.close()                  # doctest: +SKIP
"""

from __future__ import annotations

import ast
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO

_FDS = 4
# the first fork waits for the zygote's imports, which a fresh child would have to make as well
_REPLY_TIMEOUT_S = 120.0


def supported() -> bool:
    """Linux only: a forked child relies on the kernel's parent-death signal to die with the zygote."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds") and hasattr(os, "fork")


# heavy libraries a child may import before its job arrives: importing them has no side effect a training relies on
_WARMABLE = ("numpy", "pandas", "scipy", "sklearn", "torch", "skops", "safetensors", "pytorch_lightning", "lightning",
             "keras")
# Keras picks its backend from KERAS_BACKEND when it is first imported: it is warmed only with the backend the entry
# file sets (``os.environ["KERAS_BACKEND"] = "torch"`` or ``setdefault``) or the environment already names, which the
# zygote then sets for itself and the runs it forks, as the entry file would
_KERAS_BACKEND = re.compile(r"""KERAS_BACKEND["']\s*(?:\]\s*=|,)\s*["'](\w+)["']""")
_KINDS = ("function", "torch", "mle", "sklearn")
# what each kind's own side of a run imports besides numpy and pandas
_KIND_MODULES = {"torch": ("torch", "torch.optim"), "sklearn": ("sklearn", "sklearn.base"),
                 "mle": ("scipy", "scipy.optimize")}
# the safe twin of a model of that library is written with these (``safemodel.twin_of``); skops.io imports every
# scikit-learn estimator to list the trusted types, seconds that would otherwise be paid by every run
_TWIN_MODULES = {"sklearn": "skops.io", "torch": "safetensors.torch"}


def warm_modules_for(kind: str, entry_file: str | Path | None) -> tuple[str, ...]:
    """What the zygote imports before the first job: the kind's libraries, the modules the entry file imports from
    them, by their full dotted names (``sklearn.neural_network`` costs far more than ``sklearn``), and the kind's own
    module. The user's own modules never: a run imports them afresh."""
    want = ["numpy", "pandas", *_KIND_MODULES.get(kind, ())]
    if entry_file:
        try:
            source = Path(entry_file).read_text(encoding="utf-8")
            tree = ast.parse(source)
        except (OSError, SyntaxError, ValueError):
            tree = None
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.Import):
                want.extend(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                want.append(node.module)
    roots = {m.split(".")[0] for m in want}
    want.extend(twin for lib, twin in _TWIN_MODULES.items() if lib in roots)
    if "keras" in roots:
        found = _KERAS_BACKEND.search(source) if entry_file and tree is not None else None
        backend = os.environ.get("KERAS_BACKEND") or (found.group(1) if found else None) or keras_default_backend()
        want = [m for m in want if m.split(".")[0] != "keras"]
        if backend:
            want.append(f"keras@KERAS_BACKEND={backend}")
    libs = tuple(dict.fromkeys(m for m in want if m.split("@")[0].split(".")[0] in _WARMABLE))
    # the tool's side of a run (pydantic and all, 0.2 s a run), never one of its integrations the entry file imports
    return (*libs, f"model_trainer.kinds.{kind}") if kind in _KINDS else libs


def sets_keras_backend(entry_file: str | Path) -> bool:
    """The entry file chooses Keras's backend itself (``os.environ["KERAS_BACKEND"] = ...`` or ``setdefault``)."""
    try:
        return _KERAS_BACKEND.search(Path(entry_file).read_text(encoding="utf-8")) is not None
    except (OSError, ValueError):
        return False


def keras_default_backend() -> str | None:
    """The backend Keras 3 is given where the one it would load is not installed: no ``KERAS_BACKEND``, and the
    backend of ``keras.json`` (which Keras writes on its first import, naming TensorFlow) or Keras's default,
    TensorFlow, missing. Keras would then fail at its import with ``No module named 'tensorflow'``; the first
    installed of torch and JAX is what it can run on. None where the user's setting or Keras's default can load."""
    import importlib.util
    import json

    if os.environ.get("KERAS_BACKEND"):
        return None
    configured = "tensorflow"
    try:
        home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
        configured = str(json.loads((home / "keras.json").read_text(encoding="utf-8")).get("backend", configured))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        if importlib.util.find_spec(configured) is not None:
            return None
    except (ImportError, ValueError):
        pass
    return next((b for b in ("torch", "jax") if importlib.util.find_spec(b) is not None), None)


class _Fd:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd


class ForkedChild:
    """A run's child forked by the zygote, with the part of ``subprocess.Popen``'s interface the supervisor uses,
    and the read end of its event pipe."""

    def __init__(self, zygote: Zygote, pid: int, fds: tuple[int, int, int, int]) -> None:
        stdin_w, out_r, err_r, self.events_fd = fds
        self.pid = pid
        self.stdin: BinaryIO | None = os.fdopen(stdin_w, "wb")
        # bare descriptors: the supervisor's reader closes them, and a file object closing one again later
        # could close an unrelated file that reused the number
        self.stdout = _Fd(out_r)
        self.stderr = _Fd(err_r)
        self.returncode: int | None = None
        self._zygote = zygote

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self._zygote.exit_code(self.pid, 0.0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self._zygote.exit_code(self.pid, timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"run child {self.pid}", timeout or 0.0)
        return self.returncode


class Zygote:
    """The supervisor's handle on the zygote process."""

    def __init__(self, proc: subprocess.Popen[bytes] | Any, sock: socket.socket) -> None:
        self.proc = proc
        self.sock = sock
        self._exits: dict[int, int] = {}
        self._pids: list[int] = []
        self._closed = False

    @classmethod
    def start(cls, warm: tuple[str, ...], cwd: Path | None) -> Zygote:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        try:
            proc = subprocess.Popen(
                [sys.executable, "-u", "-m", "model_trainer.engine.zygote", str(theirs.fileno()), str(os.getpid()),
                 ",".join(warm)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), start_new_session=True, cwd=cwd, env=env)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return cls(proc, ours)

    @classmethod
    def fork_here(cls, warm: tuple[str, ...], cwd: Path | None) -> Zygote:
        """A zygote forked from this process (which must have started no thread yet): it keeps the modules
        imported here, numpy and pandas say, and imports the rest of ``warm``."""
        from model_trainer.engine import procs

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        parent = os.getpid()

        def serve() -> int:
            from model_trainer.engine import child

            if cwd is not None:
                os.chdir(cwd)
            child.warm(list(warm))
            return _serve(theirs, parent)
        try:
            proc = procs.fork_helper(serve, keep=(theirs.fileno(),))
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return cls(proc, ours)  # type: ignore[arg-type]

    def alive(self) -> bool:
        return not self._closed and self.proc.poll() is None

    def fork(self) -> ForkedChild | None:
        """A new run's child, or None when the zygote cannot give one (then the caller starts a fresh process)."""
        if not self.alive():
            return None
        theirs: list[int] = []
        ours: list[int] = []
        pid = None
        try:
            for _ in range(_FDS):
                r, w = os.pipe()
                ours.append(r)
                theirs.append(w)
            ours[0], theirs[0] = theirs[0], ours[0]  # stdin: the child reads, we write
            socket.send_fds(self.sock, [b"run"], theirs)
            pid = self._await_pid()
        except OSError:
            pid = None
        finally:
            for fd in theirs:
                os.close(fd)  # the child holds these now; ours would keep its pipes from ever reaching EOF
        if pid is None:
            for fd in ours:
                os.close(fd)
            self.close()
            return None
        return ForkedChild(self, pid, (ours[0], ours[1], ours[2], ours[3]))

    def _await_pid(self) -> int | None:
        until = time.monotonic() + _REPLY_TIMEOUT_S
        while not self._pids:
            left = until - time.monotonic()
            if left <= 0 or not self._pump(left):
                return None
        return self._pids.pop(0)

    def _pump(self, timeout: float | None) -> bool:
        """File what the zygote sent, waiting up to ``timeout`` for the first message; False once it is gone."""
        with selectors.DefaultSelector() as sel:
            sel.register(self.sock, selectors.EVENT_READ)
            wait = timeout
            while sel.select(wait):
                try:
                    msg = self.sock.recv(64)
                except OSError:
                    msg = b""
                if not msg:
                    self._closed = True
                    return False
                kind, *rest = msg.split()
                if kind == b"exit":
                    self._exits[int(rest[0])] = int(rest[1])
                elif kind == b"pid":
                    self._pids.append(int(rest[0]))
                wait = 0.0
        return True

    def exit_code(self, pid: int, timeout: float | None) -> int | None:
        """The child's exit code once the zygote reported it; waits up to ``timeout`` (None: for ever)."""
        until = None if timeout is None else time.monotonic() + timeout
        while pid not in self._exits:
            if self._closed or self.proc.poll() is not None:
                if not self._closed:
                    self._pump(0.0)  # what it reported before it went
                if pid in self._exits:
                    break
                return self._orphan_code(pid, None if until is None else max(until - time.monotonic(), 0.0))
            left = None if until is None else until - time.monotonic()
            if left is not None and left <= 0:
                self._pump(0.0)  # a poll still reads what has arrived
                break
            self._pump(1.0 if left is None else min(left, 1.0))  # wakes now and then to notice a dead zygote
        return self._exits.get(pid)

    def _orphan_code(self, pid: int, timeout: float | None) -> int | None:
        # The zygote is gone, so nobody reports this child's status: the kernel's parent-death signal has killed
        # it (or is about to), and it is another process's to reap.
        until = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                self._exits[pid] = -int(signal.SIGKILL)
                return self._exits[pid]
            except PermissionError:
                pass
            if until is not None and time.monotonic() >= until:
                return None
            time.sleep(0.02)

    def close(self) -> None:
        """End the zygote (children still running die with it). Safe to call more than once."""
        self._closed = True
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def _serve(sock: socket.socket, parent: int) -> int:
    """The zygote's loop: fork a child per request, report each child's end. Single-threaded, so a fork never
    copies a lock another thread held."""
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ, None)
    pidfds = hasattr(os, "pidfd_open")
    live: set[int] = set()
    me = os.getpid()
    while True:
        for key, _ in sel.select(0.05 if live and not pidfds else None):
            if key.data is not None:  # a child's pidfd: it ended, and is reaped below
                sel.unregister(key.fd)
                os.close(key.fd)
                continue
            try:
                msg, fds, _flags, _addr = socket.recv_fds(sock, 64, _FDS)
            except OSError:
                return 0
            if not msg:
                return 0  # the supervisor closed its end
            if len(fds) != _FDS:
                for fd in fds:
                    os.close(fd)
                continue
            pid = os.fork()
            if pid == 0:
                _become_child(sock, sel, fds, me)
            for fd in fds:
                os.close(fd)
            live.add(pid)
            if pidfds:
                try:
                    sel.register(os.pidfd_open(pid), selectors.EVENT_READ, pid)
                except OSError:
                    pidfds = False
            sock.send(b"pid %d" % pid)
        if not _reap(sock, live) or os.getppid() != parent:
            return 0


def _reap(sock: socket.socket, live: set[int]) -> bool:
    while live:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            live.clear()
            return True
        if pid == 0:
            return True
        live.discard(pid)
        try:
            sock.send(b"exit %d %d" % (pid, os.waitstatus_to_exitcode(status)))
        except OSError:
            return False
    return True


def _become_child(sock: socket.socket, sel: selectors.BaseSelector, fds: list[int], zygote_pid: int) -> None:
    """In the forked process: take this run's pipes as stdin/stdout/stderr, leave the zygote's session, and run
    the job as a freshly started child would. Never returns."""
    code = 1
    try:
        for key in list(sel.get_map().values()):
            if key.data is not None:
                os.close(key.fd)
        sel.close()
        sock.close()
        os.setsid()
        stdin_r, out_w, err_w, ev_w = fds
        for fd, target in ((stdin_r, 0), (out_w, 1), (err_w, 2)):
            os.dup2(fd, target)
            os.close(fd)
        _fresh_random_state()
        from model_trainer.engine import child

        code = child.forked(ev_w, zygote_pid)
    finally:
        os._exit(code)


def _fresh_random_state() -> None:
    # a fork inherits the zygote's generators: every run would draw the same "unseeded" numbers
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(None)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.seed()


def main(argv: list[str]) -> int:
    from model_trainer.engine import child, procs

    sock = socket.socket(fileno=int(argv[1]))
    parent = int(argv[2])
    if not procs.die_with_parent(parent):
        return 3
    child.warm(argv[3].split(",") if len(argv) > 3 and argv[3] else [])
    return _serve(sock, parent)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

