"""The command line: parses, calls the library, prints, exits. No logic a Python user couldn't call."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from model_trainer.errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Run a training under supervision; investigate, repair and document what goes wrong.")


@app.callback()
def _root() -> None:
    """model-trainer: supervised training with an honest record of what went wrong and how it was fixed."""


def _fail_input(exc: InputError) -> None:
    typer.echo(f"error: {exc.render()}", err=True)
    raise typer.Exit(2)


@app.command()
def train(spec: Annotated[Path, typer.Argument(help="the spec file (TOML)")],
          out: Annotated[Path | None, typer.Option("--out", help="workspace folder (default: the spec's)")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress output")] = False) -> None:
    """Run the user's training under supervision; on a red flag investigate, repair, retrain, document."""
    from model_trainer.session import train as run_train
    from model_trainer.ui import ConsoleUI

    metric = "metric"
    try:
        from model_trainer.spec import load_spec

        metric = load_spec(spec).model.metric
        v = run_train(spec, out, ConsoleUI(metric_name=metric, quiet=quiet))
    except InputError as exc:
        _fail_input(exc)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    typer.echo(v.line())
    raise typer.Exit(v.exit_code)


@app.command()
def search(spec: Annotated[Path, typer.Argument(help="the spec file (TOML) with [search.space]")],
           trials: Annotated[int | None, typer.Option("--trials", help="trials in the study (default: "
                                                      "[search] trials)")] = None,
           workers: Annotated[int, typer.Option("--workers", help="processes on this machine sharing the study")] = 1,
           storage: Annotated[str | None, typer.Option("--storage", help="study storage URL (default: a journal "
                                                       "file under results/search/)")] = None,
           study: Annotated[str | None, typer.Option("--study", help="study name (default: the spec's name)")] = None,
           worker: Annotated[bool, typer.Option("--worker", hidden=True)] = False,
           quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Hyperparameter search over the spec's search space; every trial a supervised run; writes the search log."""
    from model_trainer.search.runner import Options
    from model_trainer.search.runner import search as run_search
    from model_trainer.ui import ConsoleUI

    try:
        from model_trainer.spec import load_spec

        metric = load_spec(spec).model.metric
        code = run_search(spec, Options(trials, workers, storage, study, worker),
                          ConsoleUI(metric_name=metric, quiet=quiet))
    except InputError as exc:
        _fail_input(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    raise typer.Exit(code)


@app.command()
def gates(directory: Annotated[Path, typer.Argument(metavar="DIR", help="the workspace folder")]) -> None:
    """Quality gates on a workspace: completeness, O-Award standard, integration, traceability, domain."""
    from model_trainer.gates import run_gates

    try:
        report = run_gates(directory)
    except InputError as exc:
        _fail_input(exc)
    for name, g in report["gates"].items():
        typer.echo(f"{'PASS' if g['passed'] else 'FAIL'} {name}")
        for f in g["failures"]:
            typer.echo(f"  - {f}")
    raise typer.Exit(0 if report["passed"] else 1)


@app.command("lint")
def lint_cmd(directory: Annotated[Path, typer.Argument(metavar="DIR", help="the workspace folder")]) -> None:
    """The four anti-patterns: silent failures, magic numbers, hiding failures, no physical connection."""
    from model_trainer.gates.lint import lint

    if not directory.is_dir():
        _fail_input(InputError("not a folder", path=directory))
    problems = lint(directory)
    for p in problems:
        typer.echo(f"{p.pattern}: {p.message}")
    raise typer.Exit(1 if problems else 0)


@app.command("diagnose")
def diagnose_cmd(file: Annotated[Path, typer.Argument(metavar="FILE", help="history CSV, metrics.csv or log")]) -> None:
    """Post-hoc: read someone else's history or log and write the diary entries it deserves."""
    from model_trainer.diagnose import diagnose

    try:
        code = diagnose(file)
    except InputError as exc:
        _fail_input(exc)
    typer.echo("red flags found: see dev_diary.md" if code else "no red flag found")
    raise typer.Exit(code)


@app.command()
def demo(out: Annotated[Path, typer.Option("--out", help="where to write the example workspaces")] = Path("demo_out"),
         quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Run the built-in examples end to end (no input needed) and leave their workspaces in OUT."""
    from model_trainer.demo import run_demo
    from model_trainer.ui import ConsoleUI

    ui = ConsoleUI(metric_name="rmse", quiet=quiet)
    try:
        results = run_demo(out, ui)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    for name, code in results.items():
        typer.echo(f"{name}: exit {code} -> {out / name}/dev_diary.md")
    # The examples are built to fail and be repaired: anything but a repaired run is a defect here.
    raise typer.Exit(0 if all(c == 0 for c in results.values()) else 1)


def main() -> None:  # pragma: no cover - console entry for `python -m model_trainer`
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
