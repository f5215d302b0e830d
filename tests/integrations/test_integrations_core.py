"""The integrations' own parts that need no extra: standalone records, the verdict adapter, URI redaction."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from model_trainer.diagnose import diagnose
from model_trainer.export.mlflow import redact
from model_trainer.integrations.base import MonitorBridge, group_norms
from model_trainer.integrations.verdicts import as_verdict


def test_standalone_bridge_records_a_run_and_stops_on_a_non_finite_loss(tmp_path: Path) -> None:
    bridge = MonitorBridge(workspace=tmp_path, metric_name="rmse", config={"lr": 0.1})
    run_id = bridge.standalone.run_id  # type: ignore[union-attr]
    bridge.log(train_loss=1.0, val_loss=1.1, metric=1.05, lr=0.1, grad_norm=None)
    assert not bridge.should_stop
    bridge.log(train_loss=float("nan"), val_loss=None, lr=0.1)
    assert bridge.should_stop
    bridge.finish()
    hist = pd.read_csv(sorted((tmp_path / "results/runs").glob("*/history.csv"))[-1])
    assert hist["epoch"].tolist() == [1, 2] and hist["grad_norm"].isna().all()
    assert hist["val_loss"].isna().tolist() == [False, True]   # not measured: an empty cell
    outcome = json.loads((tmp_path / f"results/runs/{run_id}/outcome.json").read_text())
    assert outcome["status"] == "stopped" and "non-finite train_loss" in outcome["stop_reason"]
    assert json.loads((tmp_path / f"results/runs/{run_id}/config.json").read_text())["config"] == {"lr": 0.1}
    log = (tmp_path / "training_full.log").read_text()
    assert "epoch: 1 train_loss: " in log and f"run {run_id}: stopped, 2 epochs" in log
    # the NaN is a red flag to the reader too
    assert diagnose(sorted((tmp_path / "results/runs").glob("*/history.csv"))[-1]) == 1


def test_bridge_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="either monitor"):
        MonitorBridge()
    with pytest.raises(TypeError, match="not a model-trainer monitor"):
        MonitorBridge(monitor=3)
    assert group_norms({"fc1.weight": 3.0, "fc1.bias": 4.0, "out.weight": 1.0}) == {
        "grad_norm.fc1": 5.0, "grad_norm.out": 1.0}


def test_exit_status_is_explained_from_the_diary(tmp_path: Path) -> None:
    entry = {"id": 3, "symptom": "nan_loss", "root_cause": "unknown", "status": "escalated", "tests": [
        {"n": 1, "run_id": "r1"}, {"n": 2, "run_id": "r2"}], "fix": None,
        "hypotheses": [{"cause": "learning_rate_too_high", "status": "refuted", "evidence": [1]}]}
    (tmp_path / "dev_diary.json").write_text(json.dumps([{"id": 1, "status": "resolved"}, entry]))
    v = as_verdict(1, tmp_path, before=1, units="cases/day", metric_name="rmse")
    assert (v.status, v.symptom, v.cause, v.cause_status, v.entry_id, v.run_id) == \
        ("escalated", "nan_loss", "unknown", None, 3, "r2")
    assert v.metric is None and "cause not established" in v.line()
    assert as_verdict(130, tmp_path, before=2).status == "interrupted"
    assert as_verdict(0, tmp_path, before=2).status == "accepted"


def test_credentials_never_printed() -> None:
    assert redact("https://alice:pw@mlflow.example.org/") == "https://***@mlflow.example.org/"
    assert "s3cret" not in redact("postgresql://u@db/mlflow?password=s3cret")
