"""The seed's completeness check: a model (or a diary entry saying why not), a history that is the accepted
run's, an outcome for every run, and an entry for every run that went wrong.

The accepted run is named by ``results/accepted.json`` (its files' sha256) or, in workspaces written before
that file existed, by the model manifest's ``run_id``; the history must equal that run's ``history.csv``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from model_trainer.gates.base import GateResult, rows, sha256
from model_trainer.records.diary_parse import ParsedDiary
from model_trainer.workspace import Workspace


def _read_json(path: Path, failures: list[str], rel: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        failures.append(f"{rel} is unreadable ({type(exc).__name__}: {exc})")
        return None


def _accepted_run(ws: Workspace, failures: list[str]) -> tuple[str | None, str]:
    """The accepted run id and where that claim comes from; checks accepted.json's hashes on the way."""
    accepted = Path(ws.results) / "accepted.json"
    if accepted.exists():
        data = _read_json(accepted, failures, "results/accepted.json")
        if not isinstance(data, dict):
            return None, "results/accepted.json"
        for rel, digest in (data.get("files") or {}).items():
            p = Path(ws.root) / rel
            if not p.exists():
                failures.append(f"{rel} is listed in results/accepted.json but missing")
            elif sha256(p) != digest:
                failures.append(f"{rel} does not match the sha256 that results/accepted.json records for run "
                                f"{data.get('run_id')}: it was changed after the run was accepted")
        return data.get("run_id"), "results/accepted.json"
    manifest = Path(ws.results) / "model_final.manifest.json"
    if manifest.exists():
        data = _read_json(manifest, failures, "results/model_final.manifest.json")
        return (data or {}).get("run_id") if isinstance(data, dict) else None, "the model manifest"
    return None, ""


def _documented_no_model(entries: list[dict[str, Any]], diary: ParsedDiary | None) -> bool:
    if any(e.get("status") in ("unresolved", "escalated") for e in entries):
        return True
    return diary is not None and any(e.status in ("unresolved", "escalated") for e in diary.entries)


def completeness(ws: Workspace, entries: list[dict[str, Any]], diary: ParsedDiary | None) -> GateResult:
    failures: list[str] = []
    said: list[str] = []
    model, history = Path(ws.model_path), Path(ws.history_path)
    if model.exists():
        said.append("model")
    elif _documented_no_model(entries, diary):
        said.append("no model, as the diary documents (an unresolved or escalated entry)")
    else:
        failures.append("results/model_final.pkl is missing and no diary entry documents why")
    run_id, source = _accepted_run(ws, failures)
    if history.exists():
        n = rows(history)
        if run_id:
            run_hist = Path(ws.runs) / run_id / "history.csv"
            if not run_hist.exists():
                failures.append(f"the accepted run {run_id} (named by {source}) has no history.csv")
            elif sha256(run_hist) != sha256(history):
                failures.append(f"results/training_history.csv ({n} rows) is not the accepted run {run_id}'s "
                                f"history ({rows(run_hist)} rows in results/runs/{run_id}/history.csv)")
            said.append(f"history ({n} rows, run {run_id})")
        else:
            failures.append(f"results/training_history.csv ({n} rows) exists but no run was accepted (neither "
                            "results/accepted.json nor a model manifest names one): it is no accepted run's history")
    elif model.exists() or run_id:
        failures.append("results/training_history.csv is missing")
    runs_dir = Path(ws.runs)
    run_dirs = sorted(d for d in runs_dir.iterdir() if d.is_dir()) if runs_dir.is_dir() else []
    went_wrong = 0
    for d in run_dirs:
        out = d / "outcome.json"
        if not out.exists():
            failures.append(f"run {d.name} has no outcome.json: the record of how it ended is missing")
            continue
        o = _read_json(out, failures, f"results/runs/{d.name}/outcome.json")
        if isinstance(o, dict) and (o.get("status") != "completed" or o.get("stop_reason")):
            went_wrong += 1
    n_entries = len(diary.entries) if diary is not None else len(entries)
    if run_dirs:
        said.append(f"{len(run_dirs)} run(s) with outcomes ({went_wrong} stopped or failed)")
    if went_wrong and not n_entries:
        failures.append(f"{went_wrong} run(s) went wrong but dev_diary.md has no entry")
    last_json = entries[-1] if entries else None
    if last_json and last_json.get("status") != "resolved" and not last_json.get("next_steps"):
        failures.append(f"entry #{last_json.get('id')} is not resolved and says nothing about what to do next")
    said.append(f"{n_entries} diary entr{'y' if n_entries == 1 else 'ies'}")
    return GateResult(failures, ", ".join(said))
