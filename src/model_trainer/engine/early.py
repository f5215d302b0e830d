"""Processes started at a command's first moment, before its own imports: the zygote and the references' worker.

``model-trainer train SPEC`` spends most of a second importing its own libraries (pandas, pydantic, rich) and
reading the data before its first run can start. What the zygote imports (the kind's libraries) and what the
references import (scikit-learn) depend on none of that: ``start`` reads the spec's ``[model]`` table with the
standard library alone, imports numpy and pandas (which the command needs too), and forks both helpers there,
before the command starts any thread. Their imports then run on other cores while the command starts, and
neither pays for an interpreter or numpy and pandas again.

The supervisor takes the zygote over (``take_zygote``) only when it imports what the supervisor's own would and
runs in the same folder; the references take the worker (``take_references``). Whatever is not taken is ended at
exit. Nothing depends on this head start: without it (a spec this cannot read, ``MODEL_TRAINER_PREWARM=0``, a
library caller) each process starts where it is first needed, as before.

Example (what ``python -m model_trainer`` does first):
    >>> start(["train", "spec.toml", "--out", "ws"])     # doctest: +SKIP
    >>> take_zygote(("numpy", "pandas"), Path("."))      # doctest: +SKIP
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

# ``train``'s options that take a value: the spec is the first other argument
_VALUED = ("--out",)
_held: dict[str, Any] = {}


def start(argv: list[str]) -> None:
    """For ``train SPEC``: start the zygote and the references' worker now. Any failure only forgoes the head
    start; the command reports a bad spec itself."""
    if os.environ.get("MODEL_TRAINER_PREWARM", "1") == "0" or _held:
        return
    spec = _train_spec(argv)
    if spec is None:
        return
    try:
        raw = tomllib.loads(spec.read_text(encoding="utf-8"))
        model, data = raw.get("model", {}), raw.get("data", {})
        kind, entry = model.get("kind", "function"), model.get("entrypoint")
        if not isinstance(kind, str) or not isinstance(entry, str):
            return
        from model_trainer.engine.zygote import Zygote, supported, warm_modules_for

        if not supported():
            return
        root = spec.resolve().parent
        target = entry.strip().rpartition(":")[0] if ":" in entry else entry.strip()
        file = root / target if target.endswith(".py") or "/" in target else None
        warm = warm_modules_for(kind, file if file is not None and file.is_file() else None)
        # the command imports these anyway: forked after them, neither helper imports them again
        import numpy  # noqa: F401
        import pandas  # noqa: F401

        atexit.register(close)
        _held["zygote"] = (Zygote.fork_here(warm, root), warm, root)
        if isinstance(data, dict) and data.get("target"):
            from model_trainer.probes.reference_worker import ReferenceWorker

            _held["references"] = ReferenceWorker.fork_here()
    except Exception:  # noqa: BLE001 - only a head start; see the docstring
        close()


def _train_spec(argv: list[str]) -> Path | None:
    if not argv or argv[0] != "train":
        return None
    args = iter(argv[1:])
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            p = Path(arg)
            return p if p.is_file() else None
    return None


def take_zygote(warm: tuple[str, ...], cwd: Path | None) -> Any:
    """The early zygote if it imports ``warm`` and runs in ``cwd``, else None (a mismatched one is ended)."""
    held = _held.pop("zygote", None)
    if held is None:
        return None
    zygote, its_warm, its_cwd = held
    if its_warm == tuple(warm) and cwd is not None and Path(cwd).resolve() == its_cwd and zygote.alive():
        return zygote
    zygote.close()
    return None


def take_references() -> Any:
    """The early references' worker, or None."""
    return _held.pop("references", None)


def close() -> None:
    """End what was started and not taken. Safe to call more than once."""
    for name in ("zygote", "references"):
        held = _held.pop(name, None)
        if isinstance(held, tuple):
            held = held[0]
        if held is not None:
            try:
                held.close()
            except Exception:  # noqa: BLE001 - ending a helper at exit must not fail the command
                pass
