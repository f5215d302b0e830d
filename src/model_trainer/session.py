"""One ``train`` invocation: validate input, run under supervision, investigate, document, publish.

Everything that can be bad input is checked in ``open_session`` before the workspace is touched.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model_trainer import config_keys
from model_trainer.data import Dataset, load_dataset
from model_trainer.engine.job import Job
from model_trainer.engine.supervisor import Supervisor, Watch
from model_trainer.entrypoint import Entrypoint, resolve_entrypoint
from model_trainer.errors import InputError
from model_trainer.events import DiaryEntry, RunRecord
from model_trainer.kinds import available
from model_trainer.records.diary import append_entry, next_entry_id, read_entries
from model_trainer.records.estimates import write_estimates
from model_trainer.records.plots import loss_curves
from model_trainer.spec import Spec, config_warnings, load_spec
from model_trainer.verdict import Verdict
from model_trainer.workspace import Workspace

EXIT_OK, EXIT_UNRESOLVED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclass
class Session:
    spec: Spec
    data: Dataset
    entry: Entrypoint
    ws: Workspace
    ui: Any = None
    started: float = field(default_factory=time.monotonic)
    report: Any = None   # the data report, computed once
    _sup: Supervisor | None = None
    _not_accepted: set[str] = field(default_factory=set)  # runs a diary entry left unresolved or escalated

    @property
    def deadline(self) -> float:
        return self.started + self.spec.budget.time_limit

    def end_runs(self) -> None:
        """No more runs: the process the supervisor forks run children from is ended."""
        if self._sup is not None:
            self._sup.close()

    @property
    def supervisor(self) -> Supervisor:
        if self._sup is None:
            self._sup = Supervisor(self.ws, metric_name=self.spec.model.metric, ui=self.ui, cwd=self.spec.root)
        return self._sup

    def job(self, run_id: str, config: dict[str, Any], data_repairs: dict[str, Any] | None = None,
            stop_after_epochs: int | None = None) -> Job:
        s = self.spec
        return Job(run_id=run_id, kind=s.model.kind, entry_file=str(self.entry.file) if self.entry.file else None,
                   module_name=self.entry.module, function=self.entry.function, config=dict(config),
                   train_path=str(s.resolve(s.data.train)), val_path=str(s.resolve(s.data.val)),
                   target=s.data.target, ignore_columns=[*s.data.ignore_columns, *self.data.passthrough],
                   metric=s.model.metric,
                   higher_is_better=s.model.higher_is_better, data_repairs=dict(data_repairs or {}),
                   stop_after_epochs=stop_after_epochs)

    def run(self, label: str, config: dict[str, Any], data_repairs: dict[str, Any] | None = None, *,
            stop_after_epochs: int | None = None, watch: Watch | None = None, full: bool = False,
            purpose: str = "train") -> RunRecord:
        run_id = self.ws.new_run_id(label)
        total = stop_after_epochs or config_keys.value(config, "epochs")
        # ``full`` marks a candidate for acceptance; its history reaches results/ only through ``publish``
        rec = self.supervisor.run(self.job(run_id, config, data_repairs, stop_after_epochs), deadline=self.deadline,
                                  watch=watch, purpose=purpose,
                                  total_epochs=int(total) if isinstance(total, int) else None)
        if rec.status == "interrupted":
            raise Interrupted(rec)
        if rec.diagnostics and rec.diagnostics.get("estimates_table"):
            # every fit's table of estimates beside its run: a fit that is not accepted is read from there
            write_estimates(self.ws.runs / run_id, rec.diagnostics)
        return rec

    def renew_budget(self) -> None:
        """A fresh ``time_limit`` from now: a step that must not inherit what earlier steps used up."""
        self.started = time.monotonic()

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline

    def write_entry(self, build: Any, plot_runs: list[tuple[str, RunRecord]] | None = None) -> DiaryEntry:
        """Number, plot and append an entry; ``build(entry_id) -> DiaryEntry``."""
        entry_id = next_entry_id(self.ws.diary_md, self.ws.diary_json)
        entry: DiaryEntry = build(entry_id)
        runs = [(lbl, r) for lbl, r in (plot_runs or []) if r.history]
        if runs:
            name = f"diary_entry_{entry_id}_loss.png"
            try:
                loss_curves(self.ws.plots / name, runs, f"Entry #{entry_id}: {entry.symptom}")
                entry.plots.append(f"results/plots/{name}")
            except Exception as exc:  # noqa: BLE001 - a figure must never cost the diary entry
                self.ws.log.warning(f"plot for diary entry #{entry_id} failed: {type(exc).__name__}: {exc}")
        append_entry(self.ws.diary_md, self.ws.diary_json, entry)
        if entry.status != "resolved":
            self._not_accepted.update(entry.run_ids)
        if entry.status == "escalated":
            from model_trainer.records.handoff import write_escalation

            write_escalation(self.ws, entry.to_json(), self.spec.budget.model_dump())
        self.ws.log.line(f"diary: entry #{entry.id} written ({entry.symptom}, {entry.root_cause}, {entry.status})")
        return entry

    def publish(self, rec: RunRecord) -> bool:
        """Make ``rec`` the accepted run, if it may be: completed, with a model, not left unresolved by the diary.

        Anything else leaves the accepted artifacts byte-identical; the run stays in ``results/runs/<id>/``.
        """
        if rec.run_id in self._not_accepted:
            self.ws.log.line(f"model: run {rec.run_id} is not accepted (its diary entry is not resolved); the "
                             f"accepted model and history are unchanged, the run is kept in "
                             f"results/runs/{rec.run_id}/")
            return False
        if rec.model_path is None:
            self.ws.log.warning(f"run {rec.run_id} returned no picklable model; it is not accepted and the "
                                "accepted model and history are unchanged")
            return False
        best = rec.best("metric", self.spec.model.higher_is_better)
        try:
            self.ws.publish(rec, kind=self.spec.model.kind, entrypoint=self.spec.model.entrypoint,
                            code_dir=self.entry.code_dir, spec_path=str(self.spec.path),
                            metric={"name": self.spec.model.metric, "last": rec.last("metric"),
                                    "best": best if best is not None and math.isfinite(best) else None})
        except ValueError as exc:
            self.ws.log.warning(f"model: {exc}; the accepted model and history are unchanged")
            return False
        self.ws.log.line(f"model: run {rec.run_id} accepted: results/model_final.pkl, its manifest and "
                         "results/training_history.csv written together (results/accepted.json)")
        write_estimates(self.ws.results, rec.diagnostics)  # the accepted fit's table of estimates, for the paper
        return True


class Interrupted(Exception):
    def __init__(self, rec: RunRecord) -> None:
        super().__init__(rec.run_id)
        self.rec = rec


def open_session(spec_path: str | Path, out: str | Path | None = None, ui: Any = None) -> Session:
    """Validate everything a run needs; raise InputError (exit 2) before any file is written."""
    spec = load_spec(spec_path)
    if spec.model.kind not in available():
        raise InputError(f"kind = \"{spec.model.kind}\" is not available in this version (available: "
                         f"{', '.join(available())})", path=spec.path, where="model.kind")
    entry = resolve_entrypoint(spec)
    data = load_dataset(spec)
    if spec.model.kind == "torch" and data.target is None:
        raise InputError("kind = \"torch\" needs `data.target`: the built-in loop must know what to predict",
                         path=spec.path, where="data.target")
    ws = Workspace(Path(out) if out else spec.root)
    if ws.root.exists() and not ws.root.is_dir():
        raise InputError("the output path exists and is not a folder", path=ws.root,
                         hint="pass --out with a folder you can write to")
    read_entries(ws.diary_json)  # an unreadable diary is reported now, not after a long run
    ws.accepted()  # and so is a damaged record of the accepted run
    return Session(spec=spec, data=data, entry=entry, ws=ws, ui=ui)


def train(spec_path: str | Path, out: str | Path | None = None, ui: Any = None) -> Verdict:
    """The ``train`` command. Returns the verdict (CONTRACT §1, §7); ``verdict.exit_code`` is the exit status
    (128 + N after signal N). The verdict is also written to ``results/verdict.json``.
    """
    from model_trainer.engine.signals import handle_signals

    with handle_signals():  # SIGTERM and SIGHUP stop a run in order, as Ctrl-C does
        return _train(spec_path, out, ui)


def _note_keras_backend(session: Session) -> None:
    """Code that imports Keras where no backend is chosen and TensorFlow is missing runs on the installed one
    (``zygote.keras_default_backend``): said in the log, since it is the tool's choice, not the user's."""
    from model_trainer.engine.zygote import keras_default_backend, sets_keras_backend, warm_modules_for

    file = session.entry.file
    backend = keras_default_backend()
    if (backend and file is not None and not sets_keras_backend(file)
            and f"keras@KERAS_BACKEND={backend}" in warm_modules_for(session.spec.model.kind, file)):
        session.ws.log.line(f"keras: KERAS_BACKEND is unset and the backend Keras would load (its keras.json's, or "
                            f"TensorFlow) is not installed: the runs use KERAS_BACKEND={backend}")


def _train(spec_path: str | Path, out: str | Path | None, ui: Any) -> Verdict:
    from model_trainer.engine.signals import SENDER, exit_code_for, signal_of
    from model_trainer.investigate import investigate

    session = open_session(spec_path, out, ui)
    ws = session.ws
    with ws.locked(f"train {session.spec.path}"):
        ws.log.line(f"model-trainer train {session.spec.path} (kind={session.spec.model.kind}, "
                    f"entrypoint={session.spec.model.entrypoint})")
        for w in config_warnings(session.spec):
            ws.log.warning(w)
        _note_keras_backend(session)
        try:
            try:
                v = investigate(session)
            except Interrupted as exc:
                from model_trainer.failures import failure_entry

                rec = exc.rec
                e = session.write_entry(lambda i: failure_entry(rec, session.spec, i, session.entry.code_dir),
                                        [("interrupted run", rec)])
                v = Verdict(status="interrupted", exit_code=exit_code_for(rec.signal_name), entry_id=e.id,
                            run_id=rec.run_id)
            v.workspace = str(out) if out else None
            write_verdict(session, v)
            finish(session)
            return v
        except KeyboardInterrupt as exc:  # a signal between runs: no run to record, the log still says so
            import signal

            name = signal.Signals(signal_of(exc)).name
            ws.log.error(f"interrupted ({SENDER.get(name, name)}) between runs; no run was in progress")
            raise
        finally:
            session.end_runs()
            ws.close()


def write_verdict(session: Session, v: Verdict) -> None:
    import json

    from model_trainer.records.atomic import atomic_write_text

    if session.ws.results.exists():
        atomic_write_text(session.ws.results / "verdict.json", json.dumps(v.to_json(), indent=2, default=str) + "\n")
    session.ws.log.line(v.line())


def finish(session: Session) -> None:
    """Close a command's work: the hand-off for the paper writers, from what was written."""
    from model_trainer.records.handoff import write_handoff

    if session.ws.root.exists():
        write_handoff(session.ws, session.spec.path)
