"""Events on the child's pipe: each one pickled and framed by its length.

Framing (4-byte little-endian length, a one-byte tag, then the pickle) lets the supervisor read big
chunks with one system call and cut them into events without a reader thread, and tells a complete
event from the torn last one of a child killed mid-write. Epochs, by far the most frequent event,
travel as a plain tuple: pickling a dataclass costs several times more, on both sides.

Example:
    >>> from model_trainer.events import Note
    >>> reader = FrameReader()
    >>> data = encode(Note(text="a")) + encode(Note(text="b"))
    >>> [e.text for e in reader.feed(data[:7])] + [e.text for e in reader.feed(data[7:])]
    ['a', 'b']
"""

from __future__ import annotations

import pickle
from typing import Any

from model_trainer.events import EpochLogged

_HEADER = 4
_EPOCH, _OBJECT = 0x45, 0x4F  # "E", "O"
_P = pickle.HIGHEST_PROTOCOL


def encode(event: Any) -> bytes:
    if type(event) is EpochLogged:
        data = b"E" + pickle.dumps((event.epoch, event.values, event.time_s, event.ts), protocol=_P)
    else:
        data = b"O" + pickle.dumps(event, protocol=_P)
    return len(data).to_bytes(_HEADER, "little") + data


def _decode(frame: memoryview) -> Any:
    obj = pickle.loads(frame[1:])
    if frame[0] == _EPOCH:
        return EpochLogged(*obj)
    return obj


class Unreadable:
    """An event that arrived whole but could not be unpickled (its class changed, a broken payload)."""

    def __init__(self, text: str) -> None:
        self.text = text


class FrameReader:
    """Feed it bytes as they arrive; it returns the events completed so far, in order."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[Any]:
        buf = self._buf
        buf += data
        out: list[Any] = []
        pos, end = 0, len(buf)
        view = memoryview(buf)
        try:
            while end - pos >= _HEADER:
                size = int.from_bytes(view[pos:pos + _HEADER], "little")
                if end - pos - _HEADER < size:
                    break
                try:
                    out.append(_decode(view[pos + _HEADER:pos + _HEADER + size]))
                except Exception as exc:  # noqa: BLE001 - one bad event is reported, the rest still read
                    out.append(Unreadable(f"{type(exc).__name__}: {exc}"))
                pos += _HEADER + size
        finally:
            view.release()  # a bytearray with an exported view cannot be resized
            del buf[:pos]
        return out

    @property
    def pending(self) -> int:
        """Bytes of an event not yet complete: nonzero at the end means the last event was torn."""
        return len(self._buf)
