"""Read a run back from its folder (``results/runs/<run_id>/``): the inverse of what the supervisor wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.events import EpochLogged, RunFailed, RunRecord, WarningRaised


def read_json(path: Path) -> Any:
    """A JSON file's content, or None when it is missing or not JSON (a reader of records never raises on them)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON file's object, or ``{}`` when it is missing, not JSON or not an object."""
    data = read_json(path)
    return data if isinstance(data, dict) else {}


def load_history(path: Path) -> list[EpochLogged]:
    if not path.exists():
        return []
    out = []
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                values = {k: float(v) for k, v in row.items()
                          if k not in ("epoch", "time_s") and v not in ("", None)}
                t = row.get("time_s")
                out.append(EpochLogged(epoch=int(row["epoch"]), values=values,  # type: ignore[arg-type]
                                       time_s=float(t) if t not in ("", None) else float("nan")))
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(f"not a history row ({type(exc).__name__}: {exc})", path=path, where=f"line {line}",
                                 hint="the run's history was damaged; move the run folder aside, or retrain"
                                 ) from None
    return out


def read_outcome(run_dir: Path) -> dict[str, Any]:
    """``outcome.json`` of a run folder; InputError naming the file when it is truncated or not an outcome."""
    path = run_dir / "outcome.json"
    try:
        o = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("the run folder has no outcome.json (the run never finished writing it)", path=path,
                         hint="move the run folder aside, or retrain") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"truncated or not valid JSON ({exc})", path=path,
                         hint="the run's record was damaged; move the run folder aside, or retrain") from None
    missing = [k for k in ("run_id", "config", "status") if not isinstance(o, dict) or k not in o]
    if missing:
        raise InputError(f"not a run outcome: missing {', '.join(missing)}", path=path,
                         hint="the run's record was damaged; move the run folder aside, or retrain")
    return o


def load_run(run_dir: Path) -> RunRecord:
    o = read_outcome(run_dir)
    try:
        return _record(run_dir, o)
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(f"a field of the run's record has the wrong form ({type(exc).__name__}: {exc})",
                         path=run_dir / "outcome.json",
                         hint="the run's record was damaged; move the run folder aside, or retrain") from None


def _record(run_dir: Path, o: dict[str, Any]) -> RunRecord:
    rec = RunRecord(run_id=o["run_id"], config=o["config"], data_repairs=o.get("data_repairs", {}),
                    status=o["status"], signal_name=o.get("signal_name"), exit_code=o.get("exit_code"),
                    stop_reason=o.get("stop_reason", ""), wall_s=o.get("wall_s", 0.0), model_path=o.get("model_path"),
                    purpose=o.get("purpose", "train"), notes=o.get("notes", []), diagnostics=o.get("diagnostics", {}),
                    solver_messages=o.get("solver_messages", []))
    rec.history = load_history(run_dir / "history.csv")
    rec.warnings = [WarningRaised(**w) for w in o.get("warnings", [])]
    if o.get("error"):
        rec.error = RunFailed(**o["error"])
    return rec
