"""`model-trainer search`: the documented search log, resuming, workers, and a shared PostgreSQL study."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import LINEAR_GD, cli, make_project

SEARCH = '[search]\ntrials = 6\n[search.space]\nlr = { low = 0.001, high = 3.0, log = true }\n'


def _project(root: Path, extra: str = SEARCH):
    return make_project(root, LINEAR_GD, config="lr = 0.1\nepochs = 30\n", extra=extra)


def _journal_trials(root: Path, study: str = "spec") -> int:
    import optuna
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    storage = JournalStorage(JournalFileBackend(str(root / f"results/search/{study}.journal")))
    return len(optuna.load_study(study_name=study, storage=storage).trials)


def test_search_log_table_entries_and_final_model(tmp_path):
    p = _project(tmp_path, SEARCH.replace("trials = 6", "trials = 8"))
    res = cli("search", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stderr
    md = p.text("results/hyperparameter_search.md")
    for section in ("### Search Space", "### Results", "### Selected Configuration", "### Insight for Paper"):
        assert section in md
    table = pd.read_csv(tmp_path / "results/hyperparameter_search.csv")
    assert len(table) == 8 and (table["notes"] == "✅ Best").sum() == 1
    diverged = table[table["state"] == "pruned"]
    diary = json.loads(p.text("dev_diary.json"))
    for _, row in diverged.iterrows():  # every "Diverged (see diary #N)" names an entry that exists
        n = int(row["notes"].split("#")[1].rstrip(")"))
        assert any(e["id"] == n and row["run_id"] in e["run_ids"] for e in diary)
    best = table[table["notes"] == "✅ Best"].iloc[0]
    manifest = json.loads(p.text("results/model_final.manifest.json"))
    assert manifest["config"]["lr"] == pytest.approx(best["lr"])
    assert "search-final" in manifest["run_id"]
    assert "±30%" in md and "Sensitivity of lr" in md
    assert (tmp_path / "results/plots/search_history.png").exists()


def test_rerun_resumes_the_study(tmp_path):
    p = _project(tmp_path)
    assert cli("search", str(p.spec), "--trials", "3", "--quiet").returncode == 0
    assert _journal_trials(tmp_path) == 3
    trial_runs = lambda: len(list((tmp_path / "results/runs").glob("*-trial*")))  # noqa: E731
    first = trial_runs()
    assert cli("search", str(p.spec), "--trials", "5", "--quiet").returncode == 0
    assert _journal_trials(tmp_path) == 5 and trial_runs() == first + 2


def test_two_workers_share_one_journal_study(tmp_path):
    p = _project(tmp_path)
    res = cli("search", str(p.spec), "--trials", "6", "--workers", "2", "--quiet")
    assert res.returncode == 0, res.stderr
    assert _journal_trials(tmp_path) == 6
    assert len(pd.read_csv(tmp_path / "results/hyperparameter_search.csv")) == 6


@pytest.mark.parametrize("extra,message", [
    ("[search]\ntrials = 3\n[search.space]\n", "search space is empty"),
    ('[search]\n[search.space]\nmomentum = { low = 0.0, high = 0.9 }\n', "not in [config]"),
    ('[search]\n[search.space]\nlr = { low = 0.1, high = 0.01 }\n', "low < high"),
    ('[search]\n[search.space]\nlr = { low = 0.0, high = 0.1, log = true }\n', "log scale"),
])
def test_bad_search_space_is_exit_2(tmp_path, extra, message):
    p = _project(tmp_path, extra)
    before = p.snapshot()
    res = cli("search", str(p.spec))
    assert res.returncode == 2 and message in res.stderr, res.stderr
    assert p.snapshot() == before


def test_unreachable_storage_is_exit_2(tmp_path):
    p = _project(tmp_path)
    before = p.snapshot()
    res = cli("search", str(p.spec), "--storage", "postgresql://postgres@127.0.0.1:1/none")
    assert res.returncode == 2 and "cannot use the study storage" in res.stderr
    assert p.snapshot() == before


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


@pytest.fixture
def postgres():
    import tempfile

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries are not installed (.ci/run installs them)")
    # outside pytest's private (0700) temp root, so that the postgres user can reach it
    top = Path(tempfile.mkdtemp(prefix="mt-pg-"))
    top.chmod(0o755)
    data = top / "data"
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if run_as:
        shutil.chown(top, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*run_as, initdb, "-D", str(data), "-A", "trust", "-U", "postgres"], check=True,
                   capture_output=True)
    subprocess.run([*run_as, pg_ctl, "-D", str(data), "-l", str(data / "log"), "-w", "-o",
                    f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(top, ignore_errors=True)


@pytest.mark.slow
def test_two_machines_join_one_postgres_study(tmp_path, postgres):
    a, b = tmp_path / "a", tmp_path / "b"
    pa, pb = _project(a), _project(b)
    import sys

    cmd = lambda p: [sys.executable, "-m", "model_trainer", "search", str(p.spec), "--trials", "6",  # noqa: E731
                     "--storage", postgres, "--study", "shared", "--quiet"]
    procs = [subprocess.Popen(cmd(pa), stderr=subprocess.PIPE, text=True),
             subprocess.Popen(cmd(pb), stderr=subprocess.PIPE, text=True)]
    deadline = time.monotonic() + 300
    for proc in procs:
        _, err = proc.communicate(timeout=max(deadline - time.monotonic(), 1))
        assert proc.returncode == 0, err
    import optuna

    study = optuna.load_study(study_name="shared", storage=postgres)
    assert len(study.trials) == 6
    ran_a = len(list((a / "results/runs").glob("*-trial*")))
    ran_b = len(list((b / "results/runs").glob("*-trial*")))
    assert ran_a + ran_b == 6 and ran_a >= 1 and ran_b >= 1


def test_optimum_at_the_edge_gets_a_surprising_optimum_entry(tmp_path):
    # the whole range lies an order of magnitude or more below the initial lr = 0.1
    p = _project(tmp_path, '[search]\ntrials = 4\n[search.space]\nlr = { low = 0.001, high = 0.01, log = true }\n')
    res = cli("search", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stderr
    entries = json.loads(p.text("dev_diary.json"))
    surprising = [e for e in entries if e["symptom"] == "surprising_optimum"]
    assert surprising and "the initial 0.1" in surprising[0]["what_happened"]
    assert any("Update the default lr" in s for s in surprising[0]["next_steps"])
    assert cli("gates", str(tmp_path)).returncode in (0, 1)  # the entry renders and the gates read it
