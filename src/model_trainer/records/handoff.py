"""``handoff.json`` for whoever writes the paper's narrative, and ``escalation.md`` for a person.

Both are rendered from the diary entries already written (``dev_diary.json``) and the workspace's
files; they add no number of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.diary import read_entries
from model_trainer.workspace import TWIN_SUFFIXES, Workspace

# Struggle -> Ordeal, Investigation -> Tests, Fix -> Resurrection, Why -> Treasure (the seed's mapping)
_WORTH = {"code_error", "unknown", "budget_exhausted"}


def _ws(where: Workspace | Path) -> Workspace:
    return where if isinstance(where, Workspace) else Workspace(Path(where))


def artifacts(where: Workspace | Path) -> dict[str, Any]:
    """Every artifact present, named relative to the workspace (a paper never names a home directory)."""
    ws = _ws(where)
    paths = {"dev_diary_md": ws.diary_md, "dev_diary_json": ws.diary_json, "log": ws.log_path,
             "history": ws.history_path, "model": ws.model_path, "manifest": ws.manifest_path,
             "accepted": ws.accepted_path, "search_log": ws.search_md, "search_table": ws.search_csv,
             "data_report": ws.data_report_path, "escalation": ws.escalation_path, "quality_gates": ws.gates_md}
    paths.update({f"model_safe{s.replace('.', '_')}": ws.twin_path(s) for s in TWIN_SUFFIXES})
    out: dict[str, Any] = {k: ws.rel(v) for k, v in paths.items() if v.exists()}
    out["plots"] = sorted(ws.rel(p) for p in ws.plots.glob("*.png"))
    out["runs"] = [ws.rel(p) for p in ws.run_dirs()]
    return out


def write_handoff(where: Workspace | Path, spec: Path | None = None) -> Path:
    """``handoff.json``; ``spec`` (the command's spec file) is recorded relative to the workspace, so that the
    gates and lint find it whether or not a model was accepted."""
    ws = _ws(where)
    entries = read_entries(ws.diary_json)
    struggles = []
    for e in entries:
        fix = e.get("fix")
        struggles.append({
            "entry": e["id"], "category": e["category"], "symptom": e["symptom"], "root_cause": e["root_cause"],
            "status": e["status"],
            "ordeal": e["what_happened"],
            "tests": [f"Test {t['n']} ({t['kind']}): {t['action']} -> {t['result']}"
                      + ("" if t["passed"] is None else (" [passed]" if t["passed"] else " [failed]"))
                      for t in e["tests"]],
            "resurrection": None if fix is None else {"config_before": fix["config_before"],
                                                      "config_after": fix["config_after"], "run_id": fix["run_id"],
                                                      "result": e.get("result", [])},
            "treasure": e["why"]["domain_insight"],
            "implication": e["why"]["implication"],
            "worth_a_paper_section": e["status"] == "resolved" and e["root_cause"] not in _WORTH,
            "plots": e.get("plots", []),
        })
    data = {"for": "@metacognition_agent", "journey": "Struggle -> Ordeal, Investigation -> Tests, Fix -> "
            "Resurrection, Why -> Treasure", "struggles": struggles, "artifacts": artifacts(ws)}
    if spec is not None:
        import os

        data["spec"] = os.path.relpath(Path(spec).resolve(), Path(ws.root).resolve())
    path = ws.handoff_path
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def write_escalation(where: Workspace | Path, entry: dict[str, Any], budget: dict[str, Any]) -> Path:
    lines = [f"# Escalation: diary entry #{entry['id']} needs a person", "",
             f"**Symptom**: `{entry['symptom']}`  **Status**: {entry['status']}", "",
             "## What happened", entry["what_happened"], "",
             f"## Budget\nmax_attempts = {budget.get('max_attempts')}, time_limit = {budget.get('time_limit')}s", "",
             "## What was tried and measured"]
    lines += [f"- Test {t['n']} ({t['kind']}): {t['action']} -> {t['result']}" for t in entry["tests"]] or \
        ["- nothing could be tried within the budget"]
    lines += ["", "## What is needed from a person"] + [f"- {s}" for s in entry["next_steps"]]
    lines += ["", "The full record: dev_diary.md (entry above), training_full.log, results/runs/."]
    path = _ws(where).escalation_path
    atomic_write_text(path, "\n".join(lines) + "\n")
    return path
