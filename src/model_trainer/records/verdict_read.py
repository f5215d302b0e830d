"""The verdict of a command, read back from what it left in the workspace (CONTRACT §1, §7; docs/contract.md).

``results/verdict.json`` is the verdict as the command recorded it; where it is absent (a workspace from an
older version, or a command that died before writing it) the verdict is rebuilt from the files: the last
diary entry that cites one of the command's runs, the accepted run (``results/accepted.json``, else the
model manifest) and the last run's ``outcome.json``. Nothing is inferred that those files do not state.

Example:
    >>> from model_trainer.workspace import Workspace
    >>> verdict_from_workspace(Workspace(Path("/nonexistent"))).status
    'failed'
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from model_trainer.records.load import read_json
from model_trainer.verdict import Verdict
from model_trainer.workspace import Workspace

# exit status by signal, as CONTRACT §1 lists them
_SIGNAL_EXIT = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}
_EXIT_SIGNAL_STATUS = {130, 143, 129}


def _runs(ws: Workspace) -> list[str]:
    runs = Path(ws.runs)
    if not runs.is_dir():
        return []
    return sorted(d.name for d in runs.iterdir() if d.is_dir())


def run_ids(ws: Workspace) -> set[str]:
    """The runs a workspace holds now: take it before a command, pass it as ``before`` after."""
    return set(_runs(ws))


def error_line(error: dict[str, Any] | None) -> str | None:
    """The exception's last line as Python prints it, from an outcome's ``error`` record."""
    if not error:
        return None
    tb = [ln for ln in str(error.get("traceback") or "").splitlines() if ln.strip()]
    if tb and not tb[-1].startswith(" "):
        return tb[-1].strip()
    exc, msg = error.get("exc_type") or "", error.get("message") or ""
    return f"{exc}: {msg}" if exc and msg else (exc or msg or None)


def _cited(entry: dict[str, Any]) -> set[str]:
    ids = set(entry.get("run_ids") or [])
    ids |= {t.get("run_id") for t in entry.get("tests") or [] if isinstance(t, dict) and t.get("run_id")}
    fix = entry.get("fix")
    if isinstance(fix, dict) and fix.get("run_id"):
        ids.add(fix["run_id"])
    return ids


def _units(ws: Workspace) -> str:
    manifest = read_json(Path(ws.results) / "model_final.manifest.json") or {}
    candidates = [Path(p) for p in [manifest.get("spec")] if p]
    if candidates and not candidates[0].is_absolute():
        candidates = [Path(ws.root) / candidates[0]]
    candidates += sorted(Path(ws.root).glob("*.toml"))
    for c in candidates:
        try:
            import tomllib

            units = tomllib.loads(c.read_text(encoding="utf-8")).get("domain", {}).get("target_units")
        except (OSError, ValueError):
            continue
        if units:
            return str(units)
    return ""


def _references(ws: Workspace, entry: dict[str, Any] | None, metric: str | None) -> dict[str, float | None]:
    if entry and isinstance(entry.get("references"), dict) and entry["references"]:
        return {k: v for k, v in entry["references"].items() if isinstance(v, (int, float)) or v is None}
    report = read_json(Path(ws.results) / "data_report.json") or {}
    refs: dict[str, float | None] = {}
    if metric and isinstance(report.get("references"), dict):
        for k, v in report["references"].items():
            val = v.get(metric) if isinstance(v, dict) else v
            refs[k] = float(val) if isinstance(val, (int, float)) else None
    elif metric and isinstance(report.get("baseline"), dict) and isinstance(report["baseline"].get(metric),
                                                                            (int, float)):
        refs["constant"] = float(report["baseline"][metric])
    return refs


def _recorded(ws: Workspace) -> Verdict | None:
    data = read_json(Path(ws.results) / "verdict.json")
    if not isinstance(data, dict) or "status" not in data or "exit_code" not in data:
        return None
    names = {f.name for f in fields(Verdict)}
    return Verdict(**{k: v for k, v in data.items() if k in names})


def verdict_from_workspace(ws: Workspace, before: set[str] | None = None, exit_code: int | None = None) -> Verdict:
    """The verdict of the last command on ``ws``; ``before`` are the run ids that existed before it started
    (so an older entry is not taken for this command's), ``exit_code`` the command's own status when known."""
    recorded = _recorded(ws)
    if recorded is not None and (exit_code is None or recorded.exit_code == exit_code):
        return recorded
    new_runs = [r for r in _runs(ws) if before is None or r not in before]
    entries = read_json(Path(ws.diary_json))
    entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    entry = next((e for e in reversed(entries) if _cited(e) & set(new_runs)), None)
    if entry is None and before is None and entries:
        entry = entries[-1]
    last = read_json(Path(ws.runs) / new_runs[-1] / "outcome.json") if new_runs else None
    accepted = read_json(Path(ws.results) / "accepted.json")
    manifest = read_json(Path(ws.results) / "model_final.manifest.json")
    acc_id = (accepted or {}).get("run_id") or (manifest or {}).get("run_id")
    this_accepted = acc_id is not None and acc_id in new_runs

    status: str
    entry_status = str(entry.get("status") or "unresolved") if entry is not None else None
    if (last and last.get("status") == "interrupted") or exit_code in _EXIT_SIGNAL_STATUS:
        status = "interrupted"
    elif exit_code == 0 or (exit_code is None and (entry_status == "resolved" or (entry is None and this_accepted))):
        # the command's own status wins: an entry that records a note (a surprising optimum) does not make an
        # accepted model unresolved
        status = "resolved" if entry_status == "resolved" else "accepted"
    elif entry_status in ("unresolved", "escalated"):
        status = entry_status
    else:
        status = "failed"
    if exit_code is None:
        exit_code = {"accepted": 0, "resolved": 0, "interrupted": _SIGNAL_EXIT.get(
            str((last or {}).get("signal_name")), 130)}.get(status, 1)
    metric_name, metric = None, None
    if this_accepted and isinstance((manifest or {}).get("metric"), dict):
        metric_name = manifest["metric"].get("name")
        metric = manifest["metric"].get("last")
    error = error_line((last or {}).get("error")) if status in ("failed", "unresolved", "escalated",
                                                                "interrupted") else None
    cause = entry.get("root_cause") if entry else None
    cause_status = None
    if entry and cause and cause != "unknown":
        hyp = [h for h in entry.get("hypotheses") or [] if isinstance(h, dict) and h.get("cause") == cause]
        cause_status = hyp[0].get("status") if hyp else ("confirmed" if entry.get("status") == "resolved" else None)
    return Verdict(status=status, exit_code=int(exit_code),  # type: ignore[arg-type]
                   symptom=entry.get("symptom") if entry else None, cause=cause, cause_status=cause_status,
                   metric_name=metric_name, metric=float(metric) if isinstance(metric, (int, float)) else None,
                   units=_units(ws) if metric is not None else "",
                   references=_references(ws, entry, metric_name) if metric is not None else {},
                   entry_id=int(entry["id"]) if entry and str(entry.get("id", "")).isdigit() else None,
                   run_id=acc_id if this_accepted else (new_runs[-1] if new_runs else None),
                   error=error, traceback_at=_log_rel(ws) if error else None)


def _log_rel(ws: Workspace) -> str:
    log = Path(ws.log_path)
    try:
        return str(log.relative_to(Path(ws.root)))
    except ValueError:
        return re.sub(r".*/", "", str(log))
