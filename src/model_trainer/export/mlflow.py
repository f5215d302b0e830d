"""``model-trainer export mlflow DIR``: every run of a workspace as an MLflow run, next to its diary entry.

Each ``results/runs/<run_id>/`` becomes one MLflow run: the config as params, each epoch of
``history.csv`` as metrics at ``step = epoch``, the outcome as tags, the run folder, the diary entries that
cite the run (also as the run's note), their plots and, for the accepted run, the model files as
artifacts. A tag holds the run id, so exporting again finds the runs already there and only refreshes
their diary links: nothing is duplicated. Only recorded files are read; nothing is recomputed.

Example::

    >>> export_mlflow("demo_out/sir", tracking_uri="sqlite:////tmp/mlflow.db")   # doctest: +SKIP
    ExportReport(experiment='model-trainer/sir', created=[...], updated=[], tracking_uri='sqlite:////tmp/...')
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from model_trainer.errors import InputError
from model_trainer.records.diary import read_entries
from model_trainer.records.load import load_history, read_json_object

RUN_TAG = "model_trainer.run_id"
ENTRY_TAG = "model_trainer.diary_entries"
_SECRET_KEYS = {"password", "passwd", "pwd", "token", "secret", "key", "access_token", "api_key"}
_ENTRY_HEAD = re.compile(r"^## Dev Diary Entry #(\d+)", re.M)
_STATUS = {"completed": "FINISHED", "stopped": "FINISHED", "interrupted": "KILLED", "killed": "KILLED"}
# MLflow's limits on one log_batch call and on a param/tag value
_BATCH, _PARAM_LEN, _TAG_LEN = 1000, 6000, 5000


def redact(uri: str) -> str:
    """A tracking URI fit to print: user info and secret query values replaced.

    >>> redact("postgresql://bob:s3cret@db:5432/mlflow?sslmode=require&password=x")
    'postgresql://***@db:5432/mlflow?sslmode=require&password=%2A%2A%2A'
    >>> redact("sqlite:////tmp/mlflow.db")
    'sqlite:////tmp/mlflow.db'
    """
    parts = urlsplit(uri)
    out = uri  # edited in place: re-joining the parts would turn sqlite://// into sqlite://
    if "@" in parts.netloc:
        out = out.replace(parts.netloc, "***@" + parts.netloc.rsplit("@", 1)[1], 1)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(k.lower() in _SECRET_KEYS for k, _ in pairs):
        out = out.replace(parts.query, urlencode([(k, "***" if k.lower() in _SECRET_KEYS else v) for k, v in pairs]), 1)
    return out


@dataclass
class ExportReport:
    experiment: str
    tracking_uri: str                                  # redacted
    created: list[str] = field(default_factory=list)   # workspace run ids newly exported
    updated: list[str] = field(default_factory=list)   # already there: diary links refreshed
    mlflow_ids: dict[str, str] = field(default_factory=dict)


def _entry_texts(md_path: Path) -> dict[int, str]:
    """Each ``## Dev Diary Entry #N`` section of dev_diary.md, as written."""
    if not md_path.exists():
        return {}
    text = md_path.read_text(encoding="utf-8")
    heads = list(_ENTRY_HEAD.finditer(text))
    return {int(m.group(1)): text[m.start():(heads[i + 1].start() if i + 1 < len(heads) else len(text))].rstrip()
            for i, m in enumerate(heads)}


def _cited(entry: dict[str, Any]) -> set[str]:
    ids = set(entry.get("run_ids") or [])
    ids |= {t["run_id"] for t in entry.get("tests", []) if t.get("run_id")}
    if entry.get("fix") and entry["fix"].get("run_id"):
        ids.add(entry["fix"]["run_id"])
    return ids


def _started_ms(run_id: str, fallback: Path) -> int:
    """Run ids begin with the local start time (``YYYYmmdd-HHMMSS``); else the folder's time."""
    try:
        return int(time.mktime(time.strptime(run_id[:15], "%Y%m%d-%H%M%S")) * 1000)
    except ValueError:
        return int(fallback.stat().st_mtime * 1000)


def _flat(prefix: str, value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out.update(_flat(f"{prefix}.{k}" if prefix else str(k), v))
        return out
    text = json.dumps(value) if isinstance(value, (list, bool)) or value is None else str(value)
    return {prefix: text[:_PARAM_LEN]}


def _default_uri(root: Path) -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{(root / 'results/mlflow/mlflow.db').resolve()}"


def _experiment(client: Any, name: str, uri: str) -> str:
    exp = client.get_experiment_by_name(name)
    if exp is not None:
        return str(exp.experiment_id)
    location = None
    if uri.startswith("sqlite:///"):
        # MLflow would put artifacts under ./mlruns of whatever folder the command runs in: keep them by the db
        db = Path(uri.removeprefix("sqlite:///"))
        location = (db.parent / "artifacts").resolve().as_uri()
        db.parent.mkdir(parents=True, exist_ok=True)
    return str(client.create_experiment(name, artifact_location=location))


def export_mlflow(workspace: str | Path, tracking_uri: str | None = None,
                  experiment: str | None = None) -> ExportReport:
    """Export every run of ``workspace``; see the module's docstring. Raises InputError on a bad workspace."""
    root = Path(workspace)
    runs_dir = root / "results" / "runs"
    if not root.is_dir():
        raise InputError("not a folder", path=root, hint="pass the workspace folder (the one holding results/)")
    runs = sorted(d for d in runs_dir.glob("*") if d.is_dir() and (d / "config.json").exists()) \
        if runs_dir.is_dir() else []
    if not runs:
        raise InputError("no recorded runs (results/runs/<run_id>/config.json) to export", path=root,
                         hint="run `model-trainer train SPEC` first, or pass the workspace it wrote")
    entries = read_entries(root / "dev_diary.json")
    try:
        from mlflow import MlflowClient
        from mlflow.entities import Metric, Param, RunTag
    except ImportError as exc:
        raise InputError("the MLflow client is not installed", where="export mlflow",
                         hint="pip install 'model-trainer[mlflow]'") from exc

    uri = tracking_uri or _default_uri(root)
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    client = MlflowClient(tracking_uri=uri)
    name = experiment or f"model-trainer/{root.resolve().name}"
    exp_id = _experiment(client, name, uri)
    report = ExportReport(experiment=name, tracking_uri=redact(uri))

    texts = _entry_texts(root / "dev_diary.md")
    by_run: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        for rid in _cited(e):
            by_run.setdefault(rid, []).append(e)
    accepted = read_json_object(root / "results/model_final.manifest.json").get("run_id")
    model_files = sorted(p for p in (root / "results").glob("model_final.*") if p.is_file())

    for run_dir in runs:
        run_id = run_dir.name
        cited = by_run.get(run_id, [])
        link_tags = {ENTRY_TAG: ",".join(str(e["id"]) for e in cited)}
        note = "\n\n".join(texts.get(e["id"], f"Dev Diary Entry #{e['id']} ({e.get('symptom')})") for e in cited)
        if note:
            link_tags["mlflow.note.content"] = note[:_TAG_LEN]
        found = client.search_runs([exp_id], filter_string=f"tags.`{RUN_TAG}` = '{run_id}'", max_results=1)
        if found:
            mlflow_id = found[0].info.run_id
            for k, v in link_tags.items():
                client.set_tag(mlflow_id, k, v)
            _log_entries(client, mlflow_id, root, cited, texts)
            report.updated.append(run_id)
            report.mlflow_ids[run_id] = mlflow_id
            continue
        config = read_json_object(run_dir / "config.json")
        outcome = read_json_object(run_dir / "outcome.json")
        start = _started_ms(run_id, run_dir)
        tags = {RUN_TAG: run_id, "model_trainer.workspace": str(root), "mlflow.runName": run_id,
                "model_trainer.purpose": str(config.get("purpose", outcome.get("purpose", ""))),
                "model_trainer.kind": str(config.get("kind", "")),
                "model_trainer.accepted": str(run_id == accepted).lower(), **link_tags}
        for key in ("status", "stop_reason", "exit_code", "signal_name", "wall_s", "epochs"):
            if outcome.get(key) not in (None, ""):
                tags[f"outcome.{key}"] = str(outcome[key])[:_TAG_LEN]
        if outcome.get("error"):
            tags["outcome.error"] = f"{outcome['error'].get('exc_type')}: {outcome['error'].get('message')}"[:_TAG_LEN]
        run = client.create_run(exp_id, start_time=start, tags=tags, run_name=run_id)
        mlflow_id = run.info.run_id
        params = {**_flat("", config.get("config", {})), **_flat("data_repairs", config.get("data_repairs", {}))}
        metrics, elapsed = [], 0.0
        for ev in load_history(run_dir / "history.csv"):
            row = dict(ev.values)
            if math.isfinite(ev.time_s):  # a returned history has no epoch times: nothing to log or add up
                row["time_s"] = ev.time_s
                elapsed += ev.time_s
            ts = start + int(1000 * elapsed)
            metrics += [Metric(k, float(v), ts, ev.epoch) for k, v in row.items() if v is not None]
        for i in range(0, max(len(metrics), 1), _BATCH):
            client.log_batch(mlflow_id, metrics=metrics[i:i + _BATCH],
                             params=[Param(k, v) for k, v in params.items()] if i == 0 else [],
                             tags=[RunTag("model_trainer.exported", "true")] if i == 0 else [])
        for f in sorted(run_dir.iterdir()):
            if f.is_file():
                client.log_artifact(mlflow_id, str(f), "run")
        _log_entries(client, mlflow_id, root, cited, texts)
        if run_id == accepted:
            for f in model_files:
                client.log_artifact(mlflow_id, str(f), "model")
        end = start + int(1000 * float(outcome.get("wall_s") or 0.0))
        client.set_terminated(mlflow_id, status=_STATUS.get(str(outcome.get("status")), "FAILED"), end_time=end)
        report.created.append(run_id)
        report.mlflow_ids[run_id] = mlflow_id
    return report


def _log_entries(client: Any, mlflow_id: str, root: Path, cited: list[dict[str, Any]], texts: dict[int, str]) -> None:
    """The diary entries that cite a run, as markdown, and the plots they show."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for e in cited:
            md = Path(tmp) / f"entry_{e['id']}.md"
            md.write_text(texts.get(e["id"], json.dumps(e, indent=2)) + "\n", encoding="utf-8")
            client.log_artifact(mlflow_id, str(md), "diary")
            for rel in e.get("plots", []):
                plot = root / rel
                if plot.is_file():
                    client.log_artifact(mlflow_id, str(plot), "plots")
