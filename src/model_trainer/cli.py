"""The command line: parses, calls the library, prints, exits. No logic a Python user couldn't call."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from model_trainer.errors import InputError

# rich markup would eat bracketed words in help texts ("[required]", "[search] trials"): plain text renders them whole
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Run a training under supervision; investigate, repair and document what goes wrong.")


@app.callback()
def _root() -> None:
    """model-trainer: supervised training with an honest record of what went wrong and how it was fixed."""


def _fail_input(exc: InputError) -> None:
    typer.echo(f"error: {exc.render()}", err=True)
    raise typer.Exit(2)


def _signal_exit(exc: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP: 128 + the signal's number."""
    from model_trainer.engine.signals import signal_of

    return 128 + signal_of(exc)


def _runs_before(root: Path) -> set[str]:
    from model_trainer.records.verdict_read import run_ids
    from model_trainer.workspace import Workspace

    return run_ids(Workspace(root))


def _print_verdict(ui: object, root: Path | None, before: set[str], result: object) -> int:
    """Print the command's verdict line (CONTRACT §1: stdout, last, also under --quiet); return its exit status.

    ``result`` is what the library returned: a ``Verdict``, or an exit status from which the verdict is read
    back from the workspace's files."""
    from model_trainer.records.verdict_read import verdict_from_workspace
    from model_trainer.ui import ConsoleUI
    from model_trainer.verdict import Verdict
    from model_trainer.workspace import Workspace

    if isinstance(result, Verdict):
        verdict = result
    elif root is None:
        return int(result)  # type: ignore[call-overload]
    else:
        verdict = verdict_from_workspace(Workspace(root), before, int(result))  # type: ignore[call-overload]
    if isinstance(ui, ConsoleUI):
        ui.verdict(verdict)
    else:
        typer.echo(verdict.line())
    return verdict.exit_code


def _crashed(ui: object, root: Path | None, exc: BaseException) -> int:
    """The tool itself failed: the traceback goes to the workspace's log (when there is a workspace), the verdict
    names the exception and where its traceback is; exit 1."""
    import traceback

    from model_trainer.ui import ConsoleUI
    from model_trainer.verdict import Verdict

    tb = "".join(traceback.format_exception(exc))
    last = traceback.format_exception_only(exc)[-1].strip()
    where = None
    if root is not None and Path(root).is_dir():
        from model_trainer.records.log import LogWriter

        log = LogWriter(Path(root) / "training_full.log")
        log.error(f"model-trainer failed: {last}", tb)
        log.close()
        where = "training_full.log"
    else:
        typer.echo(tb, err=True)
    verdict = Verdict(status="failed", exit_code=1, error=f"model-trainer failed: {last}", traceback_at=where,
                      note="a fault of the tool, not of your code")
    if isinstance(ui, ConsoleUI):
        ui.verdict(verdict)
    else:
        typer.echo(verdict.line())
    return 1


@app.command()
def train(spec: Annotated[Path, typer.Argument(help="the spec file (TOML)")],
          out: Annotated[Path | None, typer.Option("--out", help="workspace folder (default: the spec's)")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress output; the verdict line is "
                                              "still printed, last, on stdout")] = False) -> None:
    """Run the user's training under supervision; on a red flag investigate, repair, retrain, document."""
    from model_trainer.session import train as run_train
    from model_trainer.ui import ConsoleUI

    ui, before, ws_root = None, set(), None
    try:
        from model_trainer.spec import load_spec

        loaded = load_spec(spec)
        ws_root = out or loaded.root
        before = _runs_before(ws_root)
        ui = ConsoleUI(metric_name=loaded.model.metric, quiet=quiet)
        result = run_train(spec, out, ui)
    except InputError as exc:
        _fail_input(exc)
    except KeyboardInterrupt as exc:
        typer.echo("interrupted", err=True)
        code = _signal_exit(exc)
        _print_verdict(ui, ws_root, before, code)
        raise typer.Exit(code) from None
    except Exception as exc:  # noqa: BLE001 - a fault of the tool itself still ends with a verdict
        raise typer.Exit(_crashed(ui, ws_root, exc)) from None
    raise typer.Exit(_print_verdict(ui, ws_root, before, result))


@app.command()
def search(spec: Annotated[Path, typer.Argument(help="the spec file (TOML) with [search.space]")],
           out: Annotated[Path | None, typer.Option("--out", help="workspace folder (default: the spec's)")] = None,
           trials: Annotated[int | None, typer.Option("--trials", help="trials in the study, at least 1 (default: "
                                                      "[search] trials)")] = None,
           workers: Annotated[int, typer.Option("--workers", help="processes on this machine sharing the study, "
                                                "at most its CPU count")] = 1,
           storage: Annotated[str | None, typer.Option("--storage", envvar="MODEL_TRAINER_STORAGE",
                                                       help="study storage URL (default: a journal file under "
                                                       "results/search/); its password is never written or "
                                                       "printed; set it in MODEL_TRAINER_STORAGE to keep it off "
                                                       "the command line too")] = None,
           study: Annotated[str | None, typer.Option("--study", help="study name (default: the spec's name)")] = None,
           worker: Annotated[bool, typer.Option("--worker", hidden=True)] = False,
           quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress output; the verdict line is "
                                               "still printed, last, on stdout")] = False) -> None:
    """Hyperparameter search over the spec's search space; every trial a supervised run; writes the search log."""
    from model_trainer.search.runner import Options
    from model_trainer.search.runner import search as run_search
    from model_trainer.ui import ConsoleUI

    ui, before, ws_root = None, set(), None
    try:
        from model_trainer.spec import load_spec

        loaded = load_spec(spec)
        ws_root = out or loaded.root
        before = _runs_before(ws_root)
        ui = ConsoleUI(metric_name=loaded.model.metric, quiet=quiet)
        code = run_search(spec, Options(trials, workers, storage, study, worker, out), ui)
    except InputError as exc:
        _fail_input(exc)
    except KeyboardInterrupt as exc:
        code = _signal_exit(exc)
        if not worker:
            _print_verdict(ui, ws_root, before, code)
        raise typer.Exit(code) from None
    except Exception as exc:  # noqa: BLE001 - a fault of the tool itself still ends with a verdict
        raise typer.Exit(_crashed(ui, ws_root, exc)) from None
    # a worker process of a parallel study has no verdict of its own: the coordinating process prints it
    raise typer.Exit(code if worker else _print_verdict(ui, ws_root, before, code))


@app.command()
def gates(directory: Annotated[Path, typer.Argument(metavar="DIR", help="the workspace folder (a folder holding "
                                                    "only a hand-written dev_diary.md works too)")]) -> None:
    """Quality gates on a workspace: completeness, O-Award standard, consistency of the diary with its record,
    integration, traceability, domain checks, anti-patterns. Prints why each passed or failed; writes
    quality_gates.md and quality_gates.json in DIR."""
    from model_trainer.gates import run_gates

    try:
        report = run_gates(directory)
    except InputError as exc:
        _fail_input(exc)
    for line, g in zip(report["lines"], report["gates"].values(), strict=True):
        typer.echo(line)
        if len(g["failures"]) > 1:
            for f in g["failures"]:
                typer.echo(f"  - {f}")
    raise typer.Exit(0 if report["passed"] else 1)


@app.command("lint")
def lint_cmd(target: Annotated[Path, typer.Argument(metavar="DIR", help="the workspace folder, or a dev_diary.md "
                                                    "(hand-written diaries included)")]) -> None:
    """The seed's four anti-patterns (silent failures, magic numbers, hiding failures, no physical connection),
    in the diary's prose, quoting file, line and text, and in the tool's records where they exist."""
    from model_trainer.gates.lint import lint

    try:
        problems = lint(target)
    except InputError as exc:
        _fail_input(exc)
    for p in problems:
        typer.echo(p.render())
    typer.echo(f"{len(problems)} finding(s)" if problems else "clean: no anti-pattern found")
    raise typer.Exit(1 if problems else 0)


@app.command("diagnose")
def diagnose_cmd(file: Annotated[Path, typer.Argument(metavar="FILE", help="a history CSV (ours, Keras CSVLogger, "
                                                      "Lightning metrics.csv) or a text training log")],
                 out: Annotated[Path | None, typer.Option("--out", help="where to write dev_diary.md and "
                                                          "dev_diary.json (default: the folder holding FILE)")] = None,
                 ) -> None:
    """Post-hoc: read someone else's history or log, run the detectors, and append one diary entry per red flag
    (status unresolved) to dev_diary.md and dev_diary.json in --out, by default the folder holding FILE.
    Epoch numbers are kept as the file writes them (Keras counts from 0). Exit 0: nothing wrong, 1: red flags,
    2: bad input."""
    from model_trainer.diagnose import run_diagnosis

    try:
        result = run_diagnosis(file, out)
    except InputError as exc:
        _fail_input(exc)
    typer.echo(result.summary.text())
    for f, i in zip(result.findings, result.entry_ids, strict=True):
        typer.echo(f"red flag {f.symptom}: {f.message} -> {result.out / 'dev_diary.md'} entry #{i}")
    if not result.findings:
        typer.echo("no red flag found; nothing written")
    raise typer.Exit(result.exit_code)


@app.command()
def demo(out: Annotated[Path, typer.Option("--out", help="where to write the example workspaces")] = Path("demo_out"),
         quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Run the built-in examples end to end (no input needed) and leave their workspaces in OUT."""
    from model_trainer.demo import run_demo
    from model_trainer.ui import ConsoleUI

    ui = ConsoleUI(metric_name="rmse", quiet=quiet)
    try:
        results = run_demo(out, ui)
    except KeyboardInterrupt as exc:
        raise typer.Exit(_signal_exit(exc)) from None
    for name, code in results.items():
        typer.echo(f"{name}: exit {code} -> {out / name}/dev_diary.md")
    # The examples are built to fail and be repaired: anything but a repaired run is a defect here.
    raise typer.Exit(0 if all(c == 0 for c in results.values()) else 1)


@app.command("mcp")
def mcp_cmd() -> None:
    """Serve the commands as tools of a Model Context Protocol server on stdio (for agent pipelines)."""
    try:
        from model_trainer.agent_server import serve
    except ImportError as exc:
        _fail_input(InputError(f"the MCP server needs the `mcp` package ({exc})", where="mcp",
                               hint="pip install 'model-trainer[mcp]'"))
    serve()


export_app = typer.Typer(no_args_is_help=True, help="Export a workspace's runs to another tool.")
app.add_typer(export_app, name="export")


@export_app.command("mlflow")
def export_mlflow_cmd(
        directory: Annotated[Path, typer.Argument(metavar="DIR", help="the workspace folder")],
        tracking_uri: Annotated[str | None, typer.Option("--tracking-uri", help="MLflow tracking URI (default: "
                                                         "$MLFLOW_TRACKING_URI, else sqlite under "
                                                         "DIR/results/mlflow/)")] = None,
        experiment: Annotated[str | None, typer.Option("--experiment", help="experiment name (default: "
                                                       "model-trainer/<DIR's name>)")] = None) -> None:
    """Every run of the workspace as an MLflow run, linked to its diary entry; re-exporting adds no duplicate."""
    from model_trainer.export.mlflow import export_mlflow

    try:
        rep = export_mlflow(directory, tracking_uri, experiment)
    except InputError as exc:
        _fail_input(exc)
    again = f", {len(rep.updated)} already there (diary links refreshed)" if rep.updated else ""
    typer.echo(f"exported {len(rep.created)} run(s){again} -> experiment {rep.experiment!r} at {rep.tracking_uri}")


def main() -> None:  # pragma: no cover - console entry for `python -m model_trainer`
    try:
        app()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    _exit(code)


def _exit(code: Any) -> None:
    """Exit without the interpreter's teardown, which frees the modules one by one and writes nothing: half a
    second once scikit-learn, scipy and matplotlib are loaded, paid on every command. Exit handlers still run and
    the standard streams are flushed; every file the tool writes is closed (or atomically renamed) before this."""
    import atexit
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()  # as the interpreter's own exit would
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
