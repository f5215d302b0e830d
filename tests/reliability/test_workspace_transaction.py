"""The accepted artifacts change only when a run is accepted: a failed, unresolved or interrupted run leaves
them byte-identical and lives in results/runs/<id>/ only; accepted.json records what was accepted."""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import LINEAR_GD, cli, cli_interrupt, make_project

CRASH = """
def train_model(data_train, data_val, config, monitor):
    monitor.log_epoch(train_loss=1.0, val_loss=1.0)
    raise RuntimeError("boom")
"""

# no knob in [config] reaches the hard-coded step size: a slow fit no repair can change
SLOW = LINEAR_GD.replace('w = w - config["lr"] * g', "w = w - 1e-4 * g").replace('lr=config["lr"]', "lr=1e-4")

SLEEPY = """
import time
def train_model(data_train, data_val, config, monitor):
    for epoch in range(1000):
        monitor.log_epoch(train_loss=1.0, val_loss=1.0)
        time.sleep(0.05)
    return None
"""


def _accepted(root: Path) -> dict[str, bytes]:
    """Every accepted file, by the list in accepted.json, plus accepted.json itself."""
    record = json.loads((root / "results/accepted.json").read_text())
    out = {rel: (root / rel).read_bytes() for rel in record["files"]}
    out["results/accepted.json"] = (root / "results/accepted.json").read_bytes()
    return out


def _good(tmp_path: Path):
    p = make_project(tmp_path, LINEAR_GD, config="lr = 0.1\nepochs = 20\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stderr
    return p


def test_accepted_json_lists_every_accepted_file_with_its_sha256(tmp_path):
    p = _good(tmp_path)
    record = json.loads(p.text("results/accepted.json"))
    assert set(record) == {"run_id", "accepted_at", "files"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["accepted_at"])
    assert {"results/model_final.pkl", "results/model_final.manifest.json",
            "results/training_history.csv"} <= set(record["files"])
    assert f"results/code/{record['run_id']}/model.py" in record["files"]
    for rel, digest in record["files"].items():
        assert hashlib.sha256((p.root / rel).read_bytes()).hexdigest() == digest, rel
    # the accepted history is the accepted run's own, byte for byte
    assert p.text("results/training_history.csv") == p.text(f"results/runs/{record['run_id']}/history.csv")
    assert not list((p.root / "results").glob(".publish-*"))  # no staging folder left behind


def test_a_workspace_with_no_accepted_run_has_no_accepted_json(tmp_path):
    p = make_project(tmp_path, CRASH, config="epochs = 3\n")
    assert cli("train", str(p.spec), "--quiet").returncode == 1
    assert not (p.root / "results/accepted.json").exists()
    assert not (p.root / "results/model_final.pkl").exists()
    assert not (p.root / "results/training_history.csv").exists()


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["failed", "unresolved"])
def test_failed_or_unresolved_run_leaves_accepted_artifacts_byte_identical(tmp_path, bad):
    p = _good(tmp_path)
    before = _accepted(p.root)
    first = json.loads(p.text("results/accepted.json"))["run_id"]
    (p.root / "code/model.py").write_text(textwrap.dedent(CRASH if bad == "failed" else SLOW))
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    assert _accepted(p.root) == before
    entry = json.loads(p.text("dev_diary.json"))[-1]
    assert entry["status"] in ("unresolved", "escalated")
    for run_id in entry["run_ids"]:  # the new attempts are kept in their own folders
        assert (p.root / f"results/runs/{run_id}/outcome.json").exists()
        assert run_id != first
    if bad == "unresolved":
        assert "is not accepted" in p.text("training_full.log")


@pytest.mark.slow
def test_interrupted_run_leaves_accepted_artifacts_byte_identical(tmp_path):
    p = _good(tmp_path)
    before = _accepted(p.root)
    (p.root / "code/model.py").write_text(textwrap.dedent(SLEEPY))
    (p.root / "spec.toml").write_text(p.text("spec.toml").replace("epochs = 20", "epochs = 1000"))
    rc, out = cli_interrupt(["train", str(p.spec)], after_line="epoch: 5 ")
    assert rc == 130, out
    assert _accepted(p.root) == before
    runs = sorted((p.root / "results/runs").iterdir())
    assert json.loads((runs[-1] / "outcome.json").read_text())["status"] == "interrupted"
    assert len((runs[-1] / "history.csv").read_text().splitlines()) >= 6  # header + the epochs before Ctrl-C
