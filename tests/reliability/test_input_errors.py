"""Tool-side faults and bad command-line values: a clear message and exit 2, never a traceback, nothing touched;
credentials in a storage URL never written, printed or put on a helper process's command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from conftest import LINEAR_GD, cli, make_project
from test_search import postgres  # noqa: F401 - the fixture: a throwaway PostgreSQL server

SEARCH = '[search]\ntrials = 2\n[search.space]\nlr = { low = 0.01, high = 0.3, log = true }\n'
SECRET = "s3cr3t-Pa55"


def _project(root: Path, extra: str = ""):
    return make_project(root, LINEAR_GD, config="lr = 0.1\nepochs = 10\n", extra=extra)


def _refused(res: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    for n in needles:
        assert n in res.stderr, (n, res.stderr)


@pytest.mark.parametrize("out", ["/proc/model-trainer-x", "FILE/sub"])
def test_unwritable_output_folder(tmp_path, out):
    p = _project(tmp_path)
    (tmp_path / "FILE").write_text("a file, not a folder")
    target = out if out.startswith("/") else str(tmp_path / out)
    before = p.snapshot()
    res = cli("train", str(p.spec), "--out", target)
    _refused(res, "output", "--out")
    assert p.snapshot() == before


def test_non_dict_diary_entry(tmp_path):
    p = _project(tmp_path)
    (tmp_path / "dev_diary.json").write_text('[{"id": 1}, "not an entry"]\n')
    before = p.snapshot()
    _refused(cli("train", str(p.spec)), "dev_diary.json", "entry 2")
    assert p.snapshot() == before


def test_truncated_outcome_json_is_named(tmp_path):
    p = _project(tmp_path)
    assert cli("train", str(p.spec), "--quiet").returncode == 0
    outcome = next((tmp_path / "results/runs").glob("*/outcome.json"))
    outcome.write_text(outcome.read_text()[:40])
    _refused(cli("lint", str(tmp_path)), "outcome.json", "truncated")
    # to the gates a damaged record is a finding about the workspace: a failed gate that names the file
    res = cli("gates", str(tmp_path))
    assert res.returncode == 1 and "outcome.json is unreadable" in res.stdout and "Traceback" not in res.stderr


def test_duplicate_csv_header_names_file_and_column(tmp_path):
    p = _project(tmp_path)
    train = tmp_path / "data/train.csv"
    lines = train.read_text().splitlines()
    lines[0] = lines[0].replace("x2", "x0")
    train.write_text("\n".join(lines) + "\n")
    before = p.snapshot()
    _refused(cli("train", str(p.spec)), "train.csv", "`x0`", "2 times")
    assert p.snapshot() == before


@pytest.mark.parametrize("args, needle", [
    (["--trials", "0"], "--trials must be >= 1, got 0"),
    (["--trials", "-5"], "--trials must be >= 1, got -5"),
    (["--workers", str((os.cpu_count() or 1) + 1)], "CPU"),
    (["--workers", "0"], "--workers must be >= 1"),
    (["--storage", "journal:/proc/model-trainer-x/s.journal"], "journal"),
])
def test_bad_search_options(tmp_path, args, needle):
    p = _project(tmp_path, SEARCH)
    before = p.snapshot()
    _refused(cli("search", str(p.spec), *args), needle)
    assert p.snapshot() == before


def test_unreachable_storage_never_shows_its_password(tmp_path):
    p = _project(tmp_path, SEARCH)
    url = f"postgresql://trainer:{SECRET}@127.0.0.1:1/none"
    res = cli("search", str(p.spec), "--storage", url)
    _refused(res, "postgresql://trainer:***@127.0.0.1:1/none")
    assert SECRET not in res.stderr + res.stdout
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert SECRET.encode() not in f.read_bytes(), f


@pytest.mark.slow
def test_search_takes_out_like_train(tmp_path):
    p = _project(tmp_path / "proj", SEARCH)
    out = tmp_path / "elsewhere"
    res = cli("search", str(p.spec), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    assert (out / "results/hyperparameter_search.md").exists() and (out / "results/accepted.json").exists()
    assert (out / "results/search/spec.journal").exists()
    assert not (p.root / "results").exists() and not (p.root / "training_full.log").exists()


@pytest.mark.slow
def test_worker_command_lines_log_and_report_hold_no_password(tmp_path, postgres):  # noqa: F811
    url = postgres.replace("postgres@", f"postgres:{SECRET}@")  # the server trusts: any password is accepted
    p = _project(tmp_path, SEARCH.replace("trials = 2", "trials = 4"))
    proc = subprocess.Popen([sys.executable, "-m", "model_trainer", "search", str(p.spec), "--storage", url,
                             "--workers", "2", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    seen: list[list[str]] = []
    done = threading.Event()

    def watch() -> None:  # what `ps` shows of every process the command starts
        me = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                for c in me.children(recursive=True):
                    try:
                        seen.append(c.cmdline())
                    except psutil.Error:
                        continue
            except psutil.Error:
                return
            time.sleep(0.05)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    out, err = proc.communicate(timeout=300)
    done.set()
    t.join()
    assert proc.returncode == 0, err
    workers = [c for c in seen if "--worker" in c]
    assert workers, "no helper process was seen"
    # a child caught between fork and exec still shows the command the user typed (which holds what they typed);
    # every process the tool itself starts must not
    own = [sys.executable, "-m", "model_trainer", "search", str(p.spec), "--storage", url, "--workers", "2", "--quiet"]
    assert all(SECRET not in " ".join(c) for c in seen if c != own)
    assert SECRET not in out + err
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert SECRET.encode() not in f.read_bytes(), f
    assert "postgres:***@" in (tmp_path / "training_full.log").read_text()
    json.loads((tmp_path / "handoff.json").read_text())


@pytest.mark.parametrize("url, shown", [
    ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
    ("postgresql+psycopg://u:p%40ss@h/db?sslmode=require", "postgresql+psycopg://u:***@h/db?sslmode=require"),
    ("mysql://u@h/db?password=pw", "mysql://u@h/db?password=***"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
    ("journal:/tmp/x.journal", "journal:/tmp/x.journal"),
])
def test_redact(url, shown):
    from model_trainer.redact import redact, redact_text

    assert redact(url) == shown
    assert redact_text(f"could not connect to {url}", url) == f"could not connect to {shown}"
