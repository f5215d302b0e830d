"""Read a run back from its folder (``results/runs/<run_id>/``): the inverse of what the supervisor wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from model_trainer.events import EpochLogged, RunFailed, RunRecord, WarningRaised


def load_history(path: Path) -> list[EpochLogged]:
    if not path.exists():
        return []
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            values = {k: float(v) for k, v in row.items() if k not in ("epoch", "time_s") and v not in ("", None)}
            t = row.get("time_s")
            out.append(EpochLogged(epoch=int(row["epoch"]), values=values,  # type: ignore[arg-type]
                                   time_s=float(t) if t not in ("", None) else float("nan")))
    return out


def load_run(run_dir: Path) -> RunRecord:
    o = json.loads((run_dir / "outcome.json").read_text())
    rec = RunRecord(run_id=o["run_id"], config=o["config"], data_repairs=o.get("data_repairs", {}),
                    status=o["status"], signal_name=o.get("signal_name"), exit_code=o.get("exit_code"),
                    stop_reason=o.get("stop_reason", ""), wall_s=o.get("wall_s", 0.0), model_path=o.get("model_path"),
                    purpose=o.get("purpose", "train"), notes=o.get("notes", []), diagnostics=o.get("diagnostics", {}))
    rec.history = load_history(run_dir / "history.csv")
    rec.warnings = [WarningRaised(**w) for w in o.get("warnings", [])]
    if o.get("error"):
        rec.error = RunFailed(**o["error"])
    return rec
