"""The workspace folder (CONTRACT §2): where each artifact lives, who may write it, and how it is accepted.

Every path the tool reads or writes in a workspace comes from here. Nothing is created until a run
starts. The accepted artifacts (``results/model_final.*``, ``results/training_history.csv``, the code
a model needs) change only through ``publish``: all are staged under temporary names, renamed into
place, and ``results/accepted.json`` (their sha256) is written last, so a failed, unresolved or
interrupted run, or a crash half-way, never leaves a model beside a history that does not match it.

Example:
    >>> ws = Workspace(Path("my_project"))                    # doctest: +SKIP
    >>> with ws.locked("train spec.toml"):                     # a second command is refused meanwhile
    ...     ws.publish(rec, kind="function", ...)              # only an accepted run
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.events import RunRecord
from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.log import LogWriter

TWIN_SUFFIXES = (".safetensors", ".skops", ".params.json")
_CODE_SKIP = {"__pycache__", "results", ".git", ".venv", "venv", "node_modules"}
# the workspace's own records, when the code sits at the workspace's top level: not code
_RECORDS = {"dev_diary.md", "dev_diary.json", "training_full.log", "handoff.json", "escalation.md",
            "quality_gates.md", "quality_gates.json"}
_CODE_MAX_BYTES = 20 * 1024 * 1024   # a code folder larger than this holds data: copy modules and small files
_CODE_SMALL_FILE = 256 * 1024


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.results = self.root / "results"
        self.runs = self.results / "runs"
        self.plots = self.results / "plots"
        self.search_dir = self.results / "search"
        self.code_root = self.results / "code"
        self.history_path = self.results / "training_history.csv"
        self.model_path = self.results / "model_final.pkl"
        self.manifest_path = self.results / "model_final.manifest.json"
        self.accepted_path = self.results / "accepted.json"
        self.data_report_path = self.results / "data_report.json"
        self.thresholds_path = self.results / "thresholds.json"
        self.search_md = self.results / "hyperparameter_search.md"
        self.search_csv = self.results / "hyperparameter_search.csv"
        self.diary_md = self.root / "dev_diary.md"
        self.diary_json = self.root / "dev_diary.json"
        self.log_path = self.root / "training_full.log"
        self.handoff_path = self.root / "handoff.json"
        self.escalation_path = self.root / "escalation.md"
        self.gates_md = self.root / "quality_gates.md"
        self.gates_json = self.root / "quality_gates.json"
        self.lock_path = self.root / ".model-trainer.lock"
        self.holder_path = self.root / ".model-trainer.lock.json"
        self._log: LogWriter | None = None
        self._seq = 0

    # ---- paths -------------------------------------------------------------------------------------------
    def twin_path(self, suffix: str) -> Path:
        """``results/model_final<suffix>``, one of ``TWIN_SUFFIXES``."""
        if suffix not in TWIN_SUFFIXES:
            raise ValueError(f"unknown safe-model suffix {suffix!r}; known: {', '.join(TWIN_SUFFIXES)}")
        return self.results / f"model_final{suffix}"

    def run_outcomes(self) -> list[Path]:
        """Every ``results/runs/<id>/outcome.json``, oldest run first."""
        return sorted(self.runs.glob("*/outcome.json"))

    def run_dirs(self) -> list[Path]:
        return sorted(p for p in self.runs.glob("*") if p.is_dir())

    def rel(self, path: str | Path) -> str:
        """``path`` as a paper-facing file may name it: relative to the workspace, never a home directory."""
        return paper_path(path, self.root)

    def accepted(self) -> dict[str, Any] | None:
        """``results/accepted.json``, or None when no run was ever accepted here."""
        if not self.accepted_path.exists():
            return None
        try:
            data = json.loads(self.accepted_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not valid JSON: {exc}", path=self.accepted_path,
                             hint="the accepted-run record was damaged; retrain to write it again") from exc
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            raise InputError("expected {\"run_id\", \"accepted_at\", \"files\": {...}}", path=self.accepted_path,
                             hint="the accepted-run record was damaged; retrain to write it again")
        return data

    # ---- the log and run folders ---------------------------------------------------------------------------
    @property
    def log(self) -> LogWriter:
        if self._log is None:
            self._log = LogWriter(self.log_path)
        return self._log

    def new_run_id(self, label: str) -> str:
        """``YYYYmmdd-HHMMSS-NN-label``: unique within the workspace, and sorted by name in the order the runs
        started, also across commands: a command that starts within the same second as an earlier one's last
        run numbers on from it. The run's folder is created here, so two callers that share a workspace without
        its lock (library use) never take the same id."""
        self.runs.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-")[:40] or "run"
        same_second = (re.match(rf"{stamp}-(\d+)-", d.name) for d in self.runs.iterdir())
        self._seq = max([self._seq, *(int(m.group(1)) for m in same_second if m)])
        while True:
            self._seq += 1
            run_id = f"{stamp}-{self._seq:02d}-{safe}"
            try:
                (self.runs / run_id).mkdir()
            except FileExistsError:
                continue
            return run_id

    def run_dir(self, run_id: str) -> Path:
        d = self.runs / run_id
        d.mkdir(parents=True, exist_ok=True)
        return d

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    # ---- one command at a time -----------------------------------------------------------------------------
    def check_writable(self) -> None:
        """Create the folder if needed and prove a file can be written there; InputError (exit 2) if not."""
        hint = "pass --out with a folder you can write to"
        if self.root.exists() and not self.root.is_dir():
            raise InputError("the output path exists and is not a folder", path=self.root, hint=hint)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=self.root)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise InputError(f"the output folder cannot be written: {exc.strerror or exc}", path=self.root,
                             hint=hint) from None

    @contextlib.contextmanager
    def locked(self, command: str) -> Iterator[None]:
        """Hold the workspace's lock for one command; a second command gets InputError naming the holder."""
        from filelock import FileLock, Timeout

        self.check_writable()
        lock = FileLock(str(self.lock_path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise InputError(f"the workspace is in use by {self._holder()}", path=self.root,
                             hint="wait for that command to finish, or pass --out with another folder") from None
        try:
            atomic_write_text(self.holder_path, json.dumps(
                {"pid": os.getpid(), "command": command, "started": _now()}) + "\n")
            yield
        finally:
            with contextlib.suppress(OSError):
                self.holder_path.unlink()
            lock.release()

    def _holder(self) -> str:
        try:
            h = json.loads(self.holder_path.read_text(encoding="utf-8"))
            return f"pid {h['pid']} (`model-trainer {h['command']}`, started {h['started']})"
        except (OSError, ValueError, KeyError, TypeError):
            return "another model-trainer command (it has not yet written who it is)"

    # ---- accepting a run -----------------------------------------------------------------------------------
    def publish(self, rec: RunRecord, *, kind: str, entrypoint: str, code_dir: str | None, metric: dict[str, Any],
                spec_path: str | None = None) -> dict[str, Any]:
        """Make ``rec`` the accepted run: its model, safe twin, manifest, history and code, all or nothing.

        Returns the ``accepted.json`` record. Raises ValueError for a run that cannot be accepted.
        """
        from model_trainer.records.history import write_history
        from model_trainer.records.manifest import build_manifest, write_twin

        if rec.model_path is None or not Path(rec.model_path).is_file():
            raise ValueError(f"run {rec.run_id} has no model file; it cannot be accepted")
        if not rec.ok:
            raise ValueError(f"run {rec.run_id} ended with status {rec.status}; only a completed run is accepted")
        self.results.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".publish-{rec.run_id}.", dir=self.results))
        try:
            code_rel = f"results/code/{rec.run_id}"
            code_files = copy_code(code_dir, entrypoint, stage / "code")
            shutil.copyfile(rec.model_path, stage / self.model_path.name)
            write_history(stage / self.history_path.name, rec.history)
            twin = write_twin(stage / self.model_path.name, stage, log=self.log)
            manifest = build_manifest(stage / self.model_path.name, rec, kind=kind, entrypoint=entrypoint,
                                      spec_path=self.rel(spec_path) if spec_path else None, metric=metric,
                                      code={"dir": code_rel, "files": code_files} if code_files else None,
                                      twin=twin)
            atomic_write_text(stage / self.manifest_path.name, json.dumps(manifest, indent=2, default=str) + "\n")
            # every temp is written: now rename each into place, then record the acceptance last
            names = [self.model_path.name, self.history_path.name, self.manifest_path.name]
            if twin and twin.get("path"):
                names.append(Path(twin["path"]).name)
            code_dest = self.root / code_rel
            files = {f"results/{n}": _sha256(stage / n) for n in names}
            files.update({f"{code_rel}/{n}": h for n, h in code_files.items()})
            record = {"run_id": rec.run_id, "accepted_at": _now(), "files": dict(sorted(files.items()))}
            with _signals_held():  # a Ctrl-C or SIGTERM lands after the renames, not between two of them
                if code_files:
                    self.code_root.mkdir(parents=True, exist_ok=True)
                    if code_dest.exists():
                        shutil.rmtree(code_dest)
                    os.replace(stage / "code", code_dest)
                for name in names:
                    os.replace(stage / name, self.results / name)
                atomic_write_text(self.accepted_path, json.dumps(record, indent=2) + "\n")
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        # what the previous accepted run left and this one does not use
        for suffix in TWIN_SUFFIXES:
            p = self.twin_path(suffix)
            if f"results/{p.name}" not in record["files"]:
                p.unlink(missing_ok=True)
        for d in self.code_root.glob("*"):
            if d.is_dir() and d.name != rec.run_id:
                shutil.rmtree(d, ignore_errors=True)
        return record


def copy_code(code_dir: str | None, entrypoint: str, dest: Path) -> dict[str, str]:
    """Copy the entry file's folder (its modules, packages and the small files they read) to ``dest``.

    Returns {relpath: sha256}. A model that needs the user's code to rebuild or predict then loads it
    from the workspace only; code often reads a file beside it (``Path(__file__).parent / "routes.json"``),
    so every file is copied, not only ``*.py``, unless the folder is too large to be just code.
    """
    if not code_dir:
        return {}
    src = Path(code_dir)
    files = [p for p in src.rglob("*") if p.is_file() and not p.is_symlink()
             and not (set(p.relative_to(src).parts[:-1]) & _CODE_SKIP) and p.name not in _RECORDS
             and not any(part.startswith(".") for part in p.relative_to(src).parts)]
    if sum(p.stat().st_size for p in files) > _CODE_MAX_BYTES:
        files = [p for p in files if p.suffix == ".py" or p.stat().st_size <= _CODE_SMALL_FILE]
    if sum(p.stat().st_size for p in files) > _CODE_MAX_BYTES:
        entry = src / Path(entrypoint.split(":")[0]).name
        files = [entry] if entry.is_file() else []
    out: dict[str, str] = {}
    for p in sorted(files):
        rel = p.relative_to(src)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
        out[rel.as_posix()] = _sha256(target)
    return out


def paper_path(path: str | Path, root: str | Path) -> str:
    """``path`` relative to ``root`` when inside it, else with the home directory shown as ``~``."""
    p = os.path.abspath(str(path))
    r = os.path.abspath(str(root))
    if p == r:
        return "."
    if p.startswith(r.rstrip(os.sep) + os.sep):
        return os.path.relpath(p, r)
    home = os.path.expanduser("~")
    if home not in ("", "/") and (p == home or p.startswith(home.rstrip(os.sep) + os.sep)):
        return "~" + p[len(home.rstrip(os.sep)):]
    return p


def paper_text(text: str, root: str | Path) -> str:
    """Free text (a traceback) with absolute paths under ``root`` made relative and the home shown as ``~``."""
    r = os.path.abspath(str(root)).rstrip(os.sep)
    out = text.replace(r + os.sep, "") if r else text
    home = os.path.expanduser("~").rstrip(os.sep)
    if home:
        out = out.replace(home + os.sep, "~" + os.sep)
    return out


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP for the few renames that make a run accepted (where the OS allows)."""
    import signal
    import threading

    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _sha256(path: Path) -> str:
    from model_trainer.bundle import sha256_of

    return sha256_of(path)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
