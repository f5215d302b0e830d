"""SIGINT, SIGTERM and SIGHUP handled alike: each becomes an exception that says which signal came.

Schedulers and agent harnesses end a job with SIGTERM (and a closed terminal sends SIGHUP); Python
would die at once on those, leaving no outcome and no diary entry. Inside ``handle_signals()`` the
three raise ``SignalInterrupt``, a ``KeyboardInterrupt`` subclass, so every path that already stops a
run in order on Ctrl-C does the same for the others, and the command exits 128 + the signal number.

Example:
    >>> with handle_signals():          # doctest: +SKIP
    ...     try:
    ...         long_work()
    ...     except SignalInterrupt as exc:
    ...         cleanup(); raise SystemExit(exc.exit_code)
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

# Who usually sends each signal, for the log and the diary.
SENDER = {
    "SIGINT": "Ctrl-C / SIGINT, from the keyboard",
    "SIGTERM": "SIGTERM, from another process: a scheduler's time limit, a harness or a shutdown",
    "SIGHUP": "SIGHUP: the terminal or session that started the command went away",
}


class SignalInterrupt(KeyboardInterrupt):
    """A handled signal; ``exit_code`` is the shell's 128 + signal number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def signal_of(exc: BaseException) -> int:
    """The signal behind an interrupt: a plain KeyboardInterrupt is Python's own SIGINT."""
    return exc.signum if isinstance(exc, SignalInterrupt) else int(signal.SIGINT)


def exit_code_for(name: str | None) -> int:
    """128 + the number of a signal named like ``SIGTERM``; 130 (SIGINT) when unknown."""
    try:
        return 128 + int(signal.Signals[name]) if name else 130
    except KeyError:
        return 130


class _State:
    def __init__(self) -> None:
        self.defer = 0
        self.pending: int | None = None
        self.raised = False


_state = _State()


def _handler(signum: int, frame: Any) -> None:
    if _state.raised:
        return  # already stopping in order: a second signal must not cut the record-keeping short
    if _state.defer:
        _state.pending = signum
        return
    _state.raised = True
    raise SignalInterrupt(signum)


@contextmanager
def handle_signals() -> Iterator[None]:
    """Install the handlers for the block and restore the previous ones after it.

    Handlers can only be installed from the main thread; elsewhere this does nothing and the
    process keeps Python's defaults.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in HANDLED}
    outer = (_state.defer, _state.pending, _state.raised)
    _state.defer, _state.pending, _state.raised = 0, None, False
    try:
        for s in HANDLED:
            signal.signal(s, _handler)
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h if h is not None else signal.SIG_DFL)
        _state.defer, _state.pending, _state.raised = outer


@contextmanager
def deferred() -> Iterator[None]:
    """A block a signal must not cut in half (events read but not yet recorded): a signal that
    arrives inside it is raised by the next ``raise_pending()``. Blocking calls inside still wake up
    at their timeout, so keep those short."""
    _state.defer += 1
    try:
        yield
    finally:
        _state.defer -= 1


def take_pending() -> int | None:
    """The signal that arrived during a ``deferred()`` block, now handled by the caller (None if none)."""
    signum, _state.pending = _state.pending, None
    if signum is not None:
        _state.raised = True
    return signum


def raise_pending() -> None:
    """Raise the signal that arrived during a ``deferred()`` block, if any."""
    if _state.pending is not None and not _state.defer:
        signum, _state.pending = _state.pending, None
        _state.raised = True
        raise SignalInterrupt(signum)
