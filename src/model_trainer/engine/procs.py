"""The run's process tree: nothing the user's code started may outlive the run.

The child runs in a process group of its own. ``os.fork()`` children stay in that group; a
``subprocess.Popen(..., start_new_session=True)`` or a double-forked daemon leaves it, so those are
found with ``psutil`` while the run goes on and reported by the child itself at its end (the child
is a subreaper, so orphans of its own children stay its descendants), and ended with the group.

Child side (Linux): ``die_with_parent`` asks the kernel to SIGKILL the child when the supervisor dies,
which works even while the child holds the GIL in C code, where no Python watchdog thread could run.

Example:
    >>> tree = ProcessTree(proc.pid)      # doctest: +SKIP
    >>> tree.poll()                        # now and then while it runs
    >>> tree.end(grace=1.0)                # SIGTERM to all, then SIGKILL to whatever is left
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterable
from typing import Any

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, value, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(parent_pid: int) -> bool:
    """Have the kernel SIGKILL this process when its parent dies; exit now if it already has.

    Returns False where the kernel offers no such thing (then a watchdog thread must do).
    """
    ok = _prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    if os.getppid() != parent_pid:
        os._exit(3)  # the parent died before the request took effect
    return ok


def become_subreaper() -> bool:
    """Orphaned descendants are re-parented to this process rather than to init, so they stay findable."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def has_children() -> bool:
    """Whether this process has any child at all, without importing psutil (the common case is none).

    Exited children not yet waited for are reaped on the way: the run is over when this is asked.
    """
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        except OSError:
            return True
        if pid == 0:
            return True


def own_descendants() -> list[tuple[int, float]]:
    """(pid, start time) of every living descendant of this process."""
    if not has_children():
        return []
    import psutil

    out = []
    for p in psutil.Process().children(recursive=True):
        try:
            out.append((p.pid, p.create_time()))
        except psutil.Error:
            continue
    return out


class ProcessTree:
    """The supervisor's view of a child and everything it started."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.pgid = pid  # the child was started with start_new_session: it leads its own group
        self.known: dict[int, float] = {}  # descendants outside the group: pid -> start time

    def add(self, found: Iterable[tuple[int, float]]) -> None:
        for pid, started in found:
            self.known[pid] = started

    def poll(self) -> None:
        """Record the child's current descendants (cheap enough to call about once a second)."""
        import psutil

        try:
            kids = psutil.Process(self.pid).children(recursive=True)
        except psutil.Error:
            return
        for p in kids:
            try:
                self.known[p.pid] = p.create_time()  # the latest start time: a pid may be reused
            except psutil.Error:
                continue

    def _alive_known(self) -> list[Any]:
        if not self.known:
            return []
        import psutil

        alive = []
        for pid, started in list(self.known.items()):
            try:
                p = psutil.Process(pid)
                # the pid may have been reused by an unrelated process since it was recorded
                if abs(p.create_time() - started) < 0.05 and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
                    continue
            except psutil.Error:
                pass
            del self.known[pid]
        return alive

    def _group_alive(self) -> bool:
        try:
            os.killpg(self.pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        # killpg also succeeds while only unreaped zombies are left in the group, and those are harmless
        import psutil

        for p in psutil.process_iter(["status"]):
            try:
                if p.info["status"] != psutil.STATUS_ZOMBIE and os.getpgid(p.pid) == self.pgid:
                    return True
            except OSError:
                continue
        return False

    def signal(self, sig: int) -> bool:
        """Send ``sig`` to the group and to the known descendants; True if anyone was there to get it."""
        anyone = False
        try:
            os.killpg(self.pgid, sig)
            anyone = True
        except (ProcessLookupError, PermissionError):
            pass
        for p in self._alive_known():
            try:
                p.send_signal(sig)
                anyone = True
            except Exception:  # noqa: BLE001 - it ended in the meantime
                continue
        return anyone

    def alive(self) -> bool:
        return self._group_alive() or bool(self._alive_known())

    def end(self, grace: float = 1.0) -> bool:
        """SIGTERM to everyone left, up to ``grace`` seconds to go, then SIGKILL. True if anyone was left."""
        if not self.signal(signal.SIGTERM):
            return False
        until = time.monotonic() + grace
        while time.monotonic() < until:
            if not self.alive():
                return True
            time.sleep(0.02)
        self.signal(signal.SIGKILL)
        return True


class Forked:
    """A child this process forked, with the part of ``subprocess.Popen``'s interface its owners use."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -int(signal.SIGKILL)  # reaped elsewhere: its status is gone
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        until = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if until is not None and time.monotonic() >= until:
                import subprocess

                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0.0)
            time.sleep(0.005)
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def fork_helper(serve: Any, keep: tuple[int, ...]) -> Forked:
    """Fork a helper that runs ``serve()`` in its own session, with /dev/null as stdin/stdout/stderr and no other
    descriptor of ours than ``keep``, and dies with this process. For use before this process starts a thread."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return Forked(pid)
    code = 1
    try:
        os.setsid()  # the terminal's Ctrl-C is the command's to handle; its helpers end when it does
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        for fd in _open_fds():
            if fd > 2 and fd not in keep:
                try:
                    os.close(fd)
                except OSError:
                    pass
        die_with_parent(parent)
        code = int(serve() or 0)
    finally:
        os._exit(code)


def _open_fds() -> list[int]:
    try:
        return [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))
