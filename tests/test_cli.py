"""The command line's surface: whole help texts, and the verdict line at the end of train and search."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from conftest import LINEAR_GD, cli
from model_trainer.cli import app

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands if not c.hidden]  # type: ignore[union-attr]


def test_every_command_is_listed():
    assert {"train", "search", "gates", "lint", "diagnose", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_texts_render_whole_with_their_bracketed_words(name):
    res = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        text = " ".join((getattr(param, "help", None) or "").split())
        if text:
            assert text in out, f"{name}: {param.name}: {text!r} not shown whole in\n{res.output}"
        for word in re.findall(r"\[[^\]]*\]", text):
            assert word in out
    if any(getattr(p, "required", False) for p in command.params):
        assert "[required]" in out


def test_search_help_shows_its_defaults_whole():
    out = " ".join(CliRunner().invoke(app, ["search", "--help"], terminal_width=200).output.split())
    assert "(default: [search] trials)" in out
    assert "the spec file (TOML) with [search.space] [required]" in out


def test_train_ends_with_the_verdict_line_also_under_quiet(project):
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 30\n", extra='[domain]\ntarget_units = "mm"\n')
    res = cli("train", str(p.spec), "-q")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1, res.stdout
    assert re.match(r"verdict: accepted · no red flag · val rmse [\d.e+-]+ mm \(constant [\d.e+-]+", lines[0]), lines


def test_a_crash_prints_the_exception_and_where_the_traceback_is(project):
    p = project("""
        def train_model(data_train, data_val, config, monitor):
            monitor.log_epoch(train_loss=1.0, val_loss=1.0)
            raise ValueError("shapes (3,) and (4,) not aligned")
        """, config="lr = 0.1\nepochs = 5\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stderr
    lines = res.stdout.strip().splitlines()
    assert lines[-2].startswith("verdict: failed · training_error") and "dev_diary.md #1" in lines[-2]
    assert lines[-1] == ("error: ValueError: shapes (3,) and (4,) not aligned (full traceback in "
                         "training_full.log)")
    assert "ValueError: shapes (3,) and (4,) not aligned" in p.text("training_full.log")


def test_not_quiet_the_verdict_is_still_last(project):
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 5\n")
    res = cli("train", str(p.spec))
    assert res.returncode in (0, 1), res.stderr
    assert res.stdout.strip().splitlines()[-1].startswith("verdict: ")


@pytest.mark.slow
def test_search_ends_with_the_verdict_line(project):
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 15\n",
                extra="[search]\ntrials = 2\n[search.space]\nlr = { low = 0.01, high = 0.2, log = true }\n")
    res = cli("search", str(p.spec), "-q")
    assert res.returncode in (0, 1), res.stdout + res.stderr
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("verdict: "), res.stdout


def test_the_verdict_is_read_back_from_the_workspace_and_prefers_verdict_json(project):
    import json

    from model_trainer.records.verdict_read import verdict_from_workspace
    from model_trainer.verdict import Verdict
    from model_trainer.workspace import Workspace

    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 30\n")
    res = cli("train", str(p.spec), "-q")
    assert res.returncode == 0, res.stderr
    ws = Workspace(p.root)
    v = verdict_from_workspace(ws)
    assert v.line() == res.stdout.strip() and v.exit_code == 0 and v.status == "accepted"
    manifest = json.loads(p.text("results/model_final.manifest.json"))
    assert v.run_id == manifest["run_id"] and v.metric == manifest["metric"]["last"]
    recorded = Verdict(status="accepted", exit_code=0, metric_name="rmse", metric=0.5, note="recorded by train")
    (p.root / "results/verdict.json").write_text(json.dumps(recorded.to_json()))
    assert verdict_from_workspace(ws).line() == recorded.line()
