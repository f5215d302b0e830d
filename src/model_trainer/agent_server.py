"""``model-trainer mcp``: the library's commands as tools of a Model Context Protocol server on stdio.

Built on the official SDK ``mcp`` 2.x (``mcp.server.mcpserver.MCPServer``; 1.x called it ``FastMCP``), an
optional extra: ``pip install 'model-trainer[mcp]'``. Each tool calls the same library function as the
CLI command of the same name; bad input comes back as a tool error carrying the CLI's message, and the
server goes on serving. ``train`` and ``search`` run in a worker thread and report every epoch as a
progress notification (to clients that asked for progress).

Paths in the arguments are read as the CLI reads them: absolute, or relative to the server's working
directory. Paths in the results are relative to the spec's folder (the folder a person would open).

Example (what an agent's client sends, as Python)::

    async with Client(StdioServerParameters(command="model-trainer", args=["mcp"])) as client:
        result = await client.call_tool("train", {"spec": "/abs/project/spec.toml"})
        result.structured_content["line"]   # 'verdict: accepted · no red flag · val rmse 0.11 ...'
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from model_trainer.errors import InputError

# A progress notification per epoch at most this often: a fast loop must not wait on the client.
_PROGRESS_EVERY_S = 0.2

_FILES = {"dev_diary_md": "dev_diary.md", "dev_diary_json": "dev_diary.json", "log": "training_full.log",
          "history": "results/training_history.csv", "verdict": "results/verdict.json", "handoff": "handoff.json",
          "model": "results/model_final.pkl", "search_log": "results/hyperparameter_search.md",
          "escalation": "escalation.md"}


class RunResult(BaseModel):
    """The verdict of a ``train`` or ``search`` call and where its record lives."""
    line: str = Field(description="the verdict line the CLI prints last")
    status: str = Field(description="accepted, resolved, unresolved, escalated, failed or interrupted")
    exit_code: int = Field(description="the CLI's exit status for the same call")
    symptom: str | None = Field(None, description="the red flag, null when there was none")
    cause: str | None = Field(None, description="root cause (CONTRACT §5); 'unknown' when not established")
    cause_status: str | None = None
    metric_name: str | None = None
    metric: float | None = Field(None, description="validation metric of the accepted run, in target units")
    units: str = ""
    references: dict[str, float | None] = Field(default_factory=dict,
                                                description="the quick reference models' validation metric")
    entry_id: int | None = Field(None, description="the dev_diary.md entry that documents the outcome")
    run_id: str | None = None
    error: str | None = None
    traceback_at: str | None = Field(None, description="where the full traceback is, relative to the workspace")
    note: str = ""
    workspace: str = Field(description="the workspace folder, relative to the spec's folder")
    files: dict[str, str] = Field(default_factory=dict,
                                  description="the workspace's record, paths relative to the spec's folder")
    new_entries: list[int] = Field(default_factory=list, description="ids of diary entries this call wrote")


class DiagnoseResult(BaseModel):
    red_flags: bool
    exit_code: int
    diary: str = Field(description="dev_diary.md beside the file read")
    new_entries: list[dict[str, Any]] = Field(default_factory=list)


class Gate(BaseModel):
    passed: bool
    failures: list[str]


class GatesResult(BaseModel):
    passed: bool
    exit_code: int
    gates: dict[str, Gate]
    report: str = Field(description="quality_gates.md in the workspace")


class Finding(BaseModel):
    pattern: str
    message: str


class LintResult(BaseModel):
    clean: bool
    exit_code: int
    findings: list[Finding]


class DiaryResult(BaseModel):
    workspace: str
    count: int
    entries: list[dict[str, Any]] = Field(description="dev_diary.json entries, oldest first")


class ProgressUI:
    """The ``ui`` that ``train``/``search`` report to, turned into cumulative progress counts.

    MCP progress must only increase, while each repair attempt restarts its epoch count, so the progress
    value is the number of epochs trained so far in this call, across runs; the message says which run.
    """

    def __init__(self, report: Callable[[float, str], None], *, metric_name: str = "metric") -> None:
        self._report = report
        self.metric_name = metric_name
        self.epochs = 0
        self._run = ""
        self._total: int | None = None
        self._last = 0.0
        self._lock = threading.Lock()

    def _send(self, message: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < _PROGRESS_EVERY_S:
            return
        self._last = now
        self._report(float(self.epochs), message)

    def message(self, text: str) -> None:
        self._send(text, force=True)

    def start_run(self, run_id: str, purpose: str, total: int | None) -> None:
        with self._lock:
            self._run, self._total = run_id, total
            self._send(f"run {run_id} started ({purpose})", force=True)

    def epoch(self, ev: Any) -> None:
        from model_trainer.records.log import epoch_text

        with self._lock:
            self.epochs += 1
            of = f"/{self._total}" if self._total else ""
            self._send(f"run {self._run} epoch {ev.epoch}{of}: {epoch_text(ev, self.metric_name)}")

    def output(self, line: Any) -> None:
        """The user's prints stay in training_full.log; stdout is the protocol's channel."""

    def end_run(self, rec: Any) -> None:
        with self._lock:
            self._send(f"run {rec.run_id}: {rec.status}, {len(rec.history)} epochs", force=True)


def _rel(path: Path, base: Path) -> str:
    return os.path.relpath(path.resolve(), base.resolve())


def _error(exc: InputError) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=f"error: {exc.render()}")], is_error=True)


async def _supervised(ctx: Context, spec: str, out: str | None,
                      call: Callable[[Path, Any], Any]) -> RunResult | CallToolResult:
    """Run ``call(spec_path, ui)`` in a worker thread, forwarding progress, and explain what it returned."""
    import anyio
    import anyio.from_thread
    import anyio.to_thread

    from model_trainer.integrations.verdicts import as_verdict, diary_length
    from model_trainer.spec import load_spec

    try:
        loaded = load_spec(spec)
        root = Path(out) if out else loaded.root
        before = diary_length(root) if (root / "dev_diary.json").is_file() else 0
    except InputError as exc:
        return _error(exc)

    def report(progress: float, message: str) -> None:
        try:
            anyio.from_thread.run(ctx.report_progress, progress, None, message)
        except RuntimeError:
            # only the worker thread anyio started can reach the event loop; progress from any other thread
            # is dropped (the epochs themselves are recorded in the workspace whatever happens here)
            pass

    ui = ProgressUI(report, metric_name=loaded.model.metric)
    try:
        result = await anyio.to_thread.run_sync(lambda: call(Path(spec), ui))
    except InputError as exc:
        return _error(exc)
    verdict = as_verdict(result, root, before=before, units=loaded.domain.target_units or "",
                         metric_name=loaded.model.metric)
    data = verdict.to_json()
    data["workspace"] = _rel(root, loaded.root)
    data["files"] = {k: _rel(root / v, loaded.root) for k, v in _FILES.items() if (root / v).exists()}
    from model_trainer.records.diary import read_entries

    data["new_entries"] = [e["id"] for e in read_entries(root / "dev_diary.json")[before:]]
    return RunResult.model_validate(data)


def build_server() -> MCPServer:
    """The server with its six tools; ``build_server().run("stdio")`` serves until stdin closes."""
    from model_trainer import __version__

    server = MCPServer(name="model-trainer", version=__version__, instructions=(
        "Supervised training with an honest record. `train` runs a spec (TOML) under supervision, repairs red "
        "flags one change at a time and returns the verdict; the full story is in the workspace's "
        "dev_diary.md (read it with `diary`). `gates` and `lint` check a workspace, `diagnose` reads someone "
        "else's history CSV or log. Paths: absolute, or relative to this server's working directory."))
    read_only = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True)

    @server.tool(description="Train the spec's model under supervision; on a red flag investigate, repair and "
                             "retrain; write dev_diary.md/json and return the verdict. Progress: epochs trained.")
    async def train(spec: Annotated[str, Field(description="path of the spec file (TOML)")],
                    ctx: Context,
                    out: Annotated[str | None, Field(description="workspace folder (default: the spec's)")] = None
                    ) -> RunResult:
        from model_trainer.session import train as run_train

        return await _supervised(ctx, spec, out, lambda p, ui: run_train(p, out, ui))

    @server.tool(description="Hyperparameter search over the spec's [search.space], every trial a supervised "
                             "run; writes results/hyperparameter_search.md and returns the verdict.")
    async def search(spec: Annotated[str, Field(description="path of the spec file (TOML) with [search.space]")],
                     ctx: Context,
                     trials: Annotated[int | None, Field(ge=1, description="trials (default: [search] trials)")]
                     = None,
                     workers: Annotated[int, Field(ge=1, description="processes sharing the study")] = 1,
                     storage: Annotated[str | None, Field(description="study storage URL (default: a journal "
                                                                      "file under results/search/)")] = None,
                     study: Annotated[str | None, Field(description="study name (default: the spec's)")] = None
                     ) -> RunResult:
        from model_trainer.search.runner import Options
        from model_trainer.search.runner import search as run_search

        return await _supervised(ctx, spec, None,
                                 lambda p, ui: run_search(p, Options(trials, workers, storage, study, False), ui))

    @server.tool(description="Post-hoc: read a history CSV, Lightning metrics.csv, Keras CSVLogger file or a "
                             "training log, and write the diary entries it deserves beside it.")
    def diagnose(file: Annotated[str, Field(description="history CSV, metrics.csv or log file")]) -> DiagnoseResult:
        from model_trainer.diagnose import diagnose as run_diagnose
        from model_trainer.records.diary import read_entries

        diary = Path(file).parent / "dev_diary.json"
        try:
            before = len(read_entries(diary))
            code = run_diagnose(file)
        except InputError as exc:
            return _error(exc)
        return DiagnoseResult(red_flags=bool(code), exit_code=code, diary=str(Path(file).parent / "dev_diary.md"),
                              new_entries=read_entries(diary)[before:])

    @server.tool(description="Quality gates on a workspace: completeness, O-Award standard, integration, "
                             "traceability, domain sanity, anti-patterns. Writes quality_gates.md/json.")
    def gates(workspace: Annotated[str, Field(description="the workspace folder")]) -> GatesResult:
        from model_trainer.gates import run_gates

        try:
            report = run_gates(workspace)
        except InputError as exc:
            return _error(exc)
        return GatesResult(passed=report["passed"], exit_code=0 if report["passed"] else 1,
                           gates={k: Gate(**g) for k, g in report["gates"].items()},
                           report=str(Path(workspace) / "quality_gates.md"))

    @server.tool(description="The four anti-patterns (silent failures, magic numbers, hiding failures, no "
                             "physical connection) in a workspace's diary and records.", annotations=read_only)
    def lint(workspace: Annotated[str, Field(description="the workspace folder")]) -> LintResult:
        from model_trainer.gates.lint import lint as run_lint

        if not Path(workspace).is_dir():
            return _error(InputError("not a folder", path=workspace))
        try:
            problems = run_lint(Path(workspace))
        except InputError as exc:
            return _error(exc)
        return LintResult(clean=not problems, exit_code=1 if problems else 0,
                          findings=[Finding(pattern=p.pattern, message=p.message) for p in problems])

    @server.tool(description="Read the diary entries (dev_diary.json) of a workspace, optionally only those "
                             "with one status.", annotations=read_only)
    def diary(workspace: Annotated[str, Field(description="the workspace folder")],
              status: Annotated[Literal["resolved", "unresolved", "escalated"] | None,
                                Field(description="only entries with this status")] = None) -> DiaryResult:
        from model_trainer.records.diary import read_entries

        root = Path(workspace)
        if not root.is_dir():
            return _error(InputError("not a folder", path=workspace,
                                     hint="pass the workspace folder (the one holding dev_diary.md)"))
        try:
            entries = read_entries(root / "dev_diary.json")
        except InputError as exc:
            return _error(exc)
        if status is not None:
            entries = [e for e in entries if e.get("status") == status]
        return DiaryResult(workspace=workspace, count=len(entries), entries=entries)

    return server


def serve() -> None:
    """Serve on stdin/stdout until the client closes the connection."""
    build_server().run("stdio")
