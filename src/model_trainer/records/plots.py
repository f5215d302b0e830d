"""Figures referred to by the diary: loss curves of the runs an entry talks about."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from pathlib import Path

from model_trainer.events import RunRecord
from model_trainer.records.atomic import atomic_write_bytes

# matplotlib is imported by one thread at a time: two threads importing its submodules in different orders can each
# be handed the other's half-initialised module (the import system's way out of a deadlock), and a figure drawn
# later finds names missing from it
_IMPORTING = threading.RLock()


def preload() -> None:
    """Import matplotlib in a background thread: an investigation ends in a diary entry with a figure, and the
    import (about half a second) is then done while the runs train instead of after them."""
    import sys

    if "matplotlib.backends.backend_agg" in sys.modules or any(t.name == "preload-matplotlib"
                                                               for t in threading.enumerate()):
        return

    def work() -> None:
        with _IMPORTING:
            try:
                import matplotlib.backends.backend_agg
                import matplotlib.figure  # noqa: F401
            except Exception:  # noqa: BLE001 - the figure's own import reports any problem later
                pass
    threading.Thread(target=work, name="preload-matplotlib", daemon=True).start()


# matplotlib.figure's import, cut at modules that each take a few hundredths of a second on one core
_STEPS = ("matplotlib", "matplotlib.colors", "matplotlib.transforms", "matplotlib.artist", "matplotlib.lines",
          "matplotlib.patches", "matplotlib.text", "matplotlib.backend_bases", "matplotlib.axes", "matplotlib.figure",
          "matplotlib.backends.backend_agg")


def preload_while(busy: Callable[[], bool]) -> int:
    """Import matplotlib a step at a time while ``busy()`` (another thread's work this one waits for) is true; returns
    the steps done.

    A waiting thread spends its wait on an import the diary needs later instead of idling. Checked between steps, so
    when the awaited work ends first the waiter resumes after one step at most, not after the whole import.

    Example:
        >>> preload_while(lambda: False)
        0
    """
    import importlib
    import sys

    done = 0
    if not _IMPORTING.acquire(blocking=False):
        return done  # another thread imports it already (``preload``)
    try:
        for name in _STEPS:
            if not busy():
                break
            if name not in sys.modules:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001 - the figure's own import reports any problem later
                    break
            done += 1
    finally:
        _IMPORTING.release()
    return done


def loss_curves(path: Path, runs: list[tuple[str, RunRecord]], title: str) -> Path:
    """Train (solid) and validation (dashed) loss of each run; a log axis when the range is wide."""
    import io

    # the figure and its Agg canvas without pyplot: no global figure manager, and a fifth of a second less to import
    with _IMPORTING:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    finite: list[float] = []
    for i, (label, rec) in enumerate(runs):
        color = f"C{i % 10}"
        epochs = [e.epoch for e in rec.history]
        for key, style in (("train_loss", "-"), ("val_loss", "--")):
            ys = [e.get(key) for e in rec.history]
            if all(v is None for v in ys):
                continue
            # beyond 1e100 a diverged loss only wrecks the axis; the non-finite marker tells the story
            ys_plot = [v if v is not None and math.isfinite(v) and abs(v) < 1e100 else float("nan") for v in ys]
            finite += [v for v in ys_plot if v == v]
            ax.plot(epochs, ys_plot, style, color=color, label=f"{label} ({key.replace('_', ' ')})")
            bad = [ep for ep, v in zip(epochs, ys, strict=True) if v is not None and not (math.isfinite(v)
                                                                                          and abs(v) < 1e100)]
            if bad:
                ax.axvline(bad[0], color=color, alpha=0.4, linestyle=":")
                ax.annotate("non-finite", (bad[0], 0.95), xycoords=("data", "axes fraction"), color=color,
                            fontsize=8)
    positive = [v for v in finite if v > 0]
    if positive and max(positive) / max(min(positive), 1e-300) > 100:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title(title, fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    # fixed margins that hold the labels of a 7 x 4 inch figure: tight_layout measures every text first, a second
    # draw that costs about as much as the figure itself
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.12, top=0.92)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    atomic_write_bytes(path, buf.getvalue())
    return path
