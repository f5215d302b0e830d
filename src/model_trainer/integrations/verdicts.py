"""The verdict of a ``train`` or ``search`` call, whichever form the library returned it in.

``session.train`` returns a :class:`~model_trainer.verdict.Verdict`; older builds returned the exit status
alone. Callers that must work with both (the MCP server) pass the result here with the diary length they saw
before the call, and get a ``Verdict`` built only from what the command recorded.

>>> as_verdict(Verdict(status="accepted", exit_code=0), Path("."), before=0).status
'accepted'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model_trainer.records.diary import read_entries
from model_trainer.records.load import read_json_object
from model_trainer.verdict import Verdict

_INTERRUPTED = {129, 130, 143}


def diary_length(workspace: Path) -> int:
    """How many diary entries the workspace holds now (0 when it has no diary yet)."""
    return len(read_entries(Path(workspace) / "dev_diary.json"))


def _status(code: int, entry: dict[str, Any] | None) -> str:
    if code in _INTERRUPTED:
        return "interrupted"
    if code == 0:
        return "resolved" if entry is not None and entry.get("status") == "resolved" else "accepted"
    if entry is not None and entry.get("status") == "escalated":
        return "escalated"
    if entry is not None and entry.get("symptom") == "training_error":
        return "failed"
    return "unresolved"


def _cause_status(entry: dict[str, Any]) -> str | None:
    cause = entry.get("root_cause")
    for h in entry.get("hypotheses") or []:
        if h.get("cause") == cause:
            return str(h.get("status"))
    # the contract allows only a confirmed cause as root_cause; `unknown` carries no status
    return None if cause in (None, "unknown") else "confirmed"


def _references(entry: dict[str, Any] | None, root: Path) -> dict[str, float | None]:
    if entry is not None and entry.get("references"):
        return dict(entry["references"])
    refs = read_json_object(root / "results/data_report.json").get("references")
    return dict(refs) if isinstance(refs, dict) else {}


def as_verdict(result: Verdict | int, workspace: Path, *, before: int, units: str = "",
               metric_name: str | None = None) -> Verdict:
    """``result`` as a Verdict; an exit status is explained by the diary entries written after ``before``."""
    if isinstance(result, Verdict):
        return result
    root = Path(workspace)
    code = int(result)
    written = read_entries(root / "dev_diary.json")[before:]
    entry = written[-1] if written else None
    status = _status(code, entry)
    v = Verdict(status=status, exit_code=code, metric_name=metric_name, units=units,  # type: ignore[arg-type]
                references=_references(entry, root), workspace=str(workspace))
    if entry is not None:
        v.symptom = entry.get("symptom")
        v.cause = entry.get("root_cause")
        v.cause_status = _cause_status(entry)
        v.entry_id = entry.get("id")
        fix = entry.get("fix") or {}
        tests = [t.get("run_id") for t in entry.get("tests", []) if t.get("run_id")]
        v.run_id = fix.get("run_id") or (tests[-1] if tests else None)
        if v.symptom == "training_error":
            v.error = entry.get("error_message") or None
            v.traceback_at = "training_full.log"
    if status in ("accepted", "resolved"):
        manifest = read_json_object(root / "results/model_final.manifest.json")
        metric = manifest.get("metric") or {}
        v.run_id = manifest.get("run_id", v.run_id)
        v.metric_name = metric.get("name", metric_name)
        v.metric = metric.get("last")
    return v
