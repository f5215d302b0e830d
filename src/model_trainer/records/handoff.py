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

# Struggle -> Ordeal, Investigation -> Tests, Fix -> Resurrection, Why -> Treasure (the seed's mapping)
_WORTH = {"code_error", "unknown", "budget_exhausted"}


def artifacts(root: Path) -> dict[str, Any]:
    names = {"dev_diary_md": "dev_diary.md", "dev_diary_json": "dev_diary.json", "log": "training_full.log",
             "history": "results/training_history.csv", "model": "results/model_final.pkl",
             "manifest": "results/model_final.manifest.json", "search_log": "results/hyperparameter_search.md",
             "search_table": "results/hyperparameter_search.csv", "data_report": "results/data_report.json",
             "escalation": "escalation.md", "quality_gates": "quality_gates.md"}
    out: dict[str, Any] = {k: v for k, v in names.items() if (root / v).exists()}
    out["plots"] = sorted(str(p.relative_to(root)) for p in (root / "results/plots").glob("*.png"))
    out["runs"] = sorted(str(p.relative_to(root)) for p in (root / "results/runs").glob("*") if p.is_dir())
    return out


def write_handoff(root: Path) -> Path:
    entries = read_entries(root / "dev_diary.json")
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
            "Resurrection, Why -> Treasure", "struggles": struggles, "artifacts": artifacts(root)}
    path = root / "handoff.json"
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def write_escalation(root: Path, entry: dict[str, Any], budget: dict[str, Any]) -> Path:
    lines = [f"# Escalation: diary entry #{entry['id']} needs a person", "",
             f"**Symptom**: `{entry['symptom']}`  **Status**: {entry['status']}", "",
             "## What happened", entry["what_happened"], "",
             f"## Budget\nmax_attempts = {budget.get('max_attempts')}, time_limit = {budget.get('time_limit')}s", "",
             "## What was tried and measured"]
    lines += [f"- Test {t['n']} ({t['kind']}): {t['action']} -> {t['result']}" for t in entry["tests"]] or \
        ["- nothing could be tried within the budget"]
    lines += ["", "## What is needed from a person"] + [f"- {s}" for s in entry["next_steps"]]
    lines += ["", "The full record: dev_diary.md (entry above), training_full.log, results/runs/."]
    path = root / "escalation.md"
    atomic_write_text(path, "\n".join(lines) + "\n")
    return path
