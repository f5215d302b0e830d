"""`model-trainer export mlflow`: a real repaired workspace, read back with MLflow's own client."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

pytest.importorskip("mlflow")
pytest.importorskip("sqlalchemy")  # MLflow's SQLite store

from mlflow import MlflowClient

from conftest import LINEAR_GD, cli, make_project
from model_trainer.export.mlflow import RUN_TAG, export_mlflow
from model_trainer.records.load import load_history


@pytest.mark.slow
def test_every_run_exported_once_with_its_diary_entry(tmp_path: Path) -> None:
    p = make_project(tmp_path / "proj", LINEAR_GD, config="lr = 1.5\nepochs = 12\n")
    assert cli("train", str(p.spec), "--quiet").returncode == 0
    uri = f"sqlite:///{tmp_path / 'store/mlflow.db'}"
    res = cli("export", "mlflow", str(p.root), "--tracking-uri", uri)
    assert res.returncode == 0, res.stderr
    run_dirs = sorted((p.root / "results/runs").iterdir())
    assert f"exported {len(run_dirs)} run(s) -> experiment 'model-trainer/proj' at {uri}" in res.stdout

    client = MlflowClient(tracking_uri=uri)
    exp = client.get_experiment_by_name("model-trainer/proj")
    runs = {r.data.tags[RUN_TAG]: r for r in client.search_runs([exp.experiment_id])}
    assert set(runs) == {d.name for d in run_dirs}
    entry = json.loads((p.root / "dev_diary.json").read_text())[0]
    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    for d in run_dirs:
        run = runs[d.name]
        config = json.loads((d / "config.json").read_text())["config"]
        outcome = json.loads((d / "outcome.json").read_text())
        assert run.data.params == {k: str(v) for k, v in config.items()}
        assert run.data.tags["outcome.status"] == outcome["status"]
        # each epoch's recorded value, at step = epoch
        history = load_history(d / "history.csv")
        logged = client.get_metric_history(run.info.run_id, "train_loss")
        assert [m.step for m in logged] == [e.epoch for e in history]
        for m, e in zip(logged, history, strict=True):
            v = e.get("train_loss")
            assert (math.isnan(m.value) and math.isnan(v)) or m.value == v  # type: ignore[arg-type]
        arts = {a.path for a in client.list_artifacts(run.info.run_id, "run")}
        assert {"run/config.json", "run/history.csv", "run/outcome.json"} <= arts
        if d.name == entry["fix"]["run_id"]:
            assert run.data.tags["model_trainer.diary_entries"] == str(entry["id"])
            assert run.data.tags["mlflow.note.content"].startswith(f"## Dev Diary Entry #{entry['id']}")
            assert {a.path for a in client.list_artifacts(run.info.run_id, "diary")} == {"diary/entry_1.md"}
            plots = {a.path for a in client.list_artifacts(run.info.run_id, "plots")}
            assert plots == {f"plots/{Path(rel).name}" for rel in entry["plots"]} and plots
        if d.name == manifest["run_id"]:
            models = {a.path for a in client.list_artifacts(run.info.run_id, "model")}
            assert "model/model_final.pkl" in models
            assert run.data.tags["model_trainer.accepted"] == "true"

    # again: nothing duplicated, the links refreshed
    again = export_mlflow(p.root, uri)
    assert again.created == [] and sorted(again.updated) == [d.name for d in run_dirs]
    assert len(client.search_runs([exp.experiment_id])) == len(run_dirs)


def test_bad_workspace_is_refused_without_touching_anything(tmp_path: Path) -> None:
    res = cli("export", "mlflow", str(tmp_path / "nowhere"), "--tracking-uri", f"sqlite:///{tmp_path}/m.db")
    assert res.returncode == 2 and "nowhere" in res.stderr and "not a folder" in res.stderr
    (tmp_path / "empty").mkdir()
    res = cli("export", "mlflow", str(tmp_path / "empty"), "--tracking-uri", f"sqlite:///{tmp_path}/m.db")
    assert res.returncode == 2 and "no recorded runs" in res.stderr
    assert not (tmp_path / "m.db").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
