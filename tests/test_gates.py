"""Quality gates, the anti-pattern lint, post-hoc diagnosis and the hand-off, on real workspaces."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from scenarios import SCENARIOS

from conftest import cli, copy_workspace


@pytest.fixture
def workspace(repaired_workspace: Path) -> Path:
    return repaired_workspace


copy = copy_workspace


def gates(root: Path) -> tuple[int, dict]:
    res = cli("gates", str(root))
    return res.returncode, json.loads((root / "quality_gates.json").read_text())


def test_a_good_workspace_passes_every_gate(workspace):
    code, report = gates(workspace)
    assert code == 0, report
    assert all(g["passed"] for g in report["gates"].values())
    assert (workspace / "quality_gates.md").read_text().count("✅") == 6


def test_an_altered_diary_number_fails_traceability_naming_it(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    md = (root / "dev_diary.md").read_text()
    m = re.search(r"rmse (\d+\.\d{4})", md)
    assert m
    forged = f"{float(m.group(1)) + 0.0123:.4f}"
    (root / "dev_diary.md").write_text(md.replace(m.group(0), f"rmse {forged}", 1))
    code, report = gates(root)
    assert code == 1
    fails = report["gates"]["traceability"]["failures"]
    assert any(forged in f and "dev_diary.md line" in f for f in fails), fails
    assert report["gates"]["completeness"]["passed"]


def test_missing_history_fails_completeness(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    (root / "results/training_history.csv").unlink()
    code, report = gates(root)
    assert code == 1 and not report["gates"]["completeness"]["passed"]
    assert "training_history.csv" in report["gates"]["completeness"]["failures"][0]


def test_unexplained_config_change_fails_the_anti_pattern_gate(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    m = root / "results/model_final.manifest.json"
    data = json.loads(m.read_text())
    data["config"]["lr"] = 0.0237
    m.write_text(json.dumps(data))
    code, report = gates(root)
    assert code == 1
    assert any("magic_number" in f and "lr" in f for f in report["gates"]["anti_patterns"]["failures"])
    res = cli("lint", str(root))
    assert res.returncode == 1 and "magic_number" in res.stdout


def test_handoff_maps_the_heros_journey(workspace):
    h = json.loads((workspace / "handoff.json").read_text())
    s = h["struggles"][0]
    assert s["ordeal"] and s["tests"] and s["resurrection"]["run_id"] and s["treasure"]
    assert s["worth_a_paper_section"] is True
    assert h["artifacts"]["history"] == "results/training_history.csv" and h["artifacts"]["plots"]


def test_domain_checks_run_on_the_final_model(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    spec = root / "spec.toml"
    spec.write_text(spec.read_text() + '\n[gates]\nbounds = [-1000, 1000]\nchecks = ["prediction > 1e9"]\n')
    code, report = gates(root)
    assert code == 1
    fails = report["gates"]["domain_sanity"]["failures"]
    assert len(fails) == 1 and "prediction > 1e9" in fails[0]


@pytest.mark.parametrize("kind", ["keras", "lightning", "log", "ours"])
def test_diagnose_reads_other_tools_files(tmp_path, kind):
    losses = [1.0, 0.8, 0.7, 5.0, 80.0, float("nan")]
    # the writers put a NaN loss in the file as "nan" (an empty cell means "not logged")
    if kind == "keras":
        path = tmp_path / "training.log.csv"
        pd.DataFrame({"epoch": range(6), "loss": losses, "val_loss": losses}).to_csv(path, index=False, na_rep="nan")
    elif kind == "lightning":
        path = tmp_path / "metrics.csv"
        rows = []
        for e, v in enumerate(losses):
            rows.append({"epoch": e, "step": e * 10, "train_loss_step": v, "val_loss": None})
            rows.append({"epoch": e, "step": e * 10 + 9, "train_loss_epoch": v, "val_loss": v})
        pd.DataFrame(rows).to_csv(path, index=False, na_rep="nan")
    elif kind == "log":
        path = tmp_path / "train.log"
        path.write_text("\n".join(f"Epoch {e + 1}/6 - loss: {v} - val_loss: {v}" for e, v in enumerate(losses)))
    else:
        path = tmp_path / "training_history.csv"
        pd.DataFrame({"epoch": range(1, 7), "train_loss": losses, "val_loss": losses}).to_csv(path, index=False,
                                                                                              na_rep="nan")
    res = cli("diagnose", str(path))
    assert res.returncode == 1, res.stdout + res.stderr
    entries = json.loads((tmp_path / "dev_diary.json").read_text())
    assert entries[0]["symptom"] == "nan_loss" and entries[0]["status"] == "unresolved"
    assert entries[0]["next_steps"]


def test_diagnose_healthy_and_bad_input(tmp_path):
    path = tmp_path / "h.csv"
    pd.DataFrame({"epoch": range(1, 11), "loss": [1 / i for i in range(1, 11)]}).to_csv(path, index=False)
    assert cli("diagnose", str(path)).returncode == 0
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    res = cli("diagnose", str(tmp_path / "bad.csv"))
    assert res.returncode == 2 and "no loss column" in res.stderr
    assert cli("diagnose", str(tmp_path / "missing.log")).returncode == 2


def test_time_budget_escalation_writes_escalation_md(tmp_path):
    sc = next(s for s in SCENARIOS if s.name == "function_hang")
    res = cli("train", str(sc.write(tmp_path)), "--quiet")
    assert res.returncode == 1
    text = (tmp_path / "escalation.md").read_text()
    assert "needs a person" in text and "Flag for @advisor" in text
