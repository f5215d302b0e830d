"""Progress on the console: a rich bar on a terminal, plain epoch lines when piped, nothing with --quiet.

The verdict line is the exception: it is printed on stdout, last, whatever the mode, because scripts and
agents read it (CONTRACT §1 in docs/contract.md).
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from model_trainer.events import EpochLogged, OutputLine, RunRecord
from model_trainer.records.fmt import num
from model_trainer.records.log import epoch_text
from model_trainer.verdict import Verdict


class ConsoleUI:
    def __init__(self, *, metric_name: str, quiet: bool = False, tty: bool | None = None,
                 out: TextIO | None = None) -> None:
        self.metric_name = metric_name
        self.quiet = quiet
        self.out = out or sys.stdout
        self.tty = sys.stderr.isatty() if tty is None else tty
        self._progress: Any = None
        self._task: Any = None
        self._console: Any = None
        if self.tty and not quiet:
            from rich.console import Console

            self._console = Console(stderr=True)

    def message(self, text: str) -> None:
        if self.quiet:
            return
        if self._console is not None:
            self._console.print(text, highlight=False)
        else:
            print(text, file=self.out, flush=True)

    def start_run(self, run_id: str, purpose: str, total: int | None) -> None:
        if self.quiet:
            return
        if self._console is None:
            print(f"run {run_id} ({purpose})", file=self.out, flush=True)
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[losses]}"), TimeRemainingColumn(),
                                  console=self._console, transient=False)
        self._progress.start()
        self._task = self._progress.add_task(f"{purpose} {run_id[-18:]}", total=total, losses="")

    def epoch(self, ev: EpochLogged) -> None:
        if self.quiet:
            return
        if self._progress is None:
            print(epoch_text(ev, self.metric_name), file=self.out, flush=True)
            return
        losses = " ".join(f"{k.replace('_loss', '')} {num(ev.get(k))}" for k in ("train_loss", "val_loss")
                          if ev.get(k) is not None)
        if ev.get("metric") is not None:
            losses += f" {self.metric_name} {num(ev.get('metric'))}"
        self._progress.update(self._task, completed=ev.epoch, losses=losses)

    def output(self, line: OutputLine) -> None:
        if self.quiet:
            return
        if self._progress is not None:
            self._progress.console.print(f"[dim]{line.stream}:[/dim] {line.text}", markup=True, highlight=False)
        else:
            print(f"{line.stream}: {line.text}", file=self.out, flush=True)

    def end_run(self, rec: RunRecord) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        self.message(f"run {rec.run_id}: {rec.status}, {len(rec.history)} epochs, {rec.wall_s:.1f}s"
                     + (f" ({rec.stop_reason})" if rec.stop_reason else ""))

    def verdict(self, v: Verdict) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        # stdout even on a terminal (progress goes to stderr there), so `cmd | tail -1` is the verdict
        print(v.line(), file=sys.stdout if self._console is not None else self.out, flush=True)
