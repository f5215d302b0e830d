"""The repair benchmark: every scenario in ``scenarios.py`` through ``model-trainer train``.

Prints, per scenario, the symptom and root cause found against the expected ones, whether it was
repaired, and the repair cost (time of all runs over the time of one full training, the longest
single run), by wall time and by recorded epoch time; then
symptom accuracy, root-cause accuracy, repair rate, false alarms on healthy runs and median cost.

Usage: python benchmarks/repair.py [NAME_SUBSTRING ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenarios import SCENARIOS, Scenario

from model_trainer.session import train


def run_one(sc: Scenario, root: Path) -> dict:
    spec = sc.write(root)
    t = time.perf_counter()
    code = train(spec)
    wall = time.perf_counter() - t
    diary = json.loads((root / "dev_diary.json").read_text()) if (root / "dev_diary.json").exists() else []
    outcomes = {p.parent.name: json.loads(p.read_text()) for p in (root / "results/runs").glob("*/outcome.json")}
    manifest = root / "results/model_final.manifest.json"
    final = json.loads(manifest.read_text())["run_id"] if manifest.exists() else None
    # "One training" is the longest single run: the full retraining, or the initial run when that went the
    # whole planned length (an early-stopped fix is shorter than the training it repaired).
    walls = {rid: o["wall_s"] for rid, o in outcomes.items()}
    cost = sum(walls.values()) / max(walls.values()) if final and max(walls.values(), default=0) > 0 else None
    # Training time alone: the recorded epoch times, without each run's process start-up.
    train_s = {rid: _epoch_seconds(root / "results/runs" / rid / "history.csv") for rid in outcomes}
    top = max(train_s.values(), default=0)
    cost_train = sum(train_s.values()) / top if final and top > 0 else None
    entry = diary[0] if diary else None
    from model_trainer.gates import run_gates

    gates = run_gates(root)
    gate_failures = [f"{k}: {f}" for k, g in gates["gates"].items() for f in g["failures"]
                     if k != "anti_patterns" or "no_physical_connection" not in f]
    return {"name": sc.name, "mode": sc.mode, "exit": code, "wall_s": round(wall, 2), "runs": len(outcomes),
            "symptom": entry["symptom"] if entry else None, "root_cause": entry["root_cause"] if entry else None,
            "status": entry["status"] if entry else None, "expected_symptom": sc.expected_symptom,
            "expected_root_cause": sc.expected_root_cause, "repairable": sc.repairable,
            "cost": round(cost, 2) if cost is not None and entry else None,
            "traceability_failures": [f for f in gate_failures if f.startswith("traceability")],
            "cost_train": round(cost_train, 2) if cost_train is not None and entry else None}


def _epoch_seconds(path: Path) -> float:
    import pandas as pd

    if not path.exists():
        return 0.0
    t = pd.read_csv(path)["time_s"]
    return float(t[t.notna()].sum())


def summarize(rows: list[dict]) -> dict:
    faulty = [r for r in rows if r["expected_symptom"]]
    healthy = [r for r in rows if not r["expected_symptom"]]
    repairable = [r for r in faulty if r["repairable"]]
    repaired = [r for r in repairable if r["exit"] == 0 and r["status"] == "resolved"]
    costs = [r["cost"] for r in repaired if r["cost"] is not None]
    costs_train = [r["cost_train"] for r in repaired if r["cost_train"] is not None]
    return {
        "scenarios": len(rows),
        "symptom_accuracy": sum(r["symptom"] == r["expected_symptom"] for r in faulty) / max(len(faulty), 1),
        "root_cause_accuracy": sum(r["root_cause"] == r["expected_root_cause"] for r in faulty) / max(len(faulty), 1),
        "repair_rate": len(repaired) / max(len(repairable), 1),
        "false_alarms": sum(r["exit"] != 0 or r["symptom"] is not None for r in healthy),
        "healthy": len(healthy),
        "median_repair_cost_wall": statistics.median(costs) if costs else None,
        "median_repair_cost_training": statistics.median(costs_train) if costs_train else None,
        "faulty": len(faulty), "repairable": len(repairable), "repaired": len(repaired),
        "workspaces_with_untraceable_numbers": sum(bool(r["traceability_failures"]) for r in rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("only", nargs="*")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    chosen = [s for s in SCENARIOS if not args.only or any(o in s.name for o in args.only)]
    rows = []
    for sc in chosen:
        root = Path(tempfile.mkdtemp(prefix=f"mt-{sc.name}-"))
        try:
            row = run_one(sc, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        ok_s = "ok" if row["symptom"] == row["expected_symptom"] else "MISS"
        ok_r = "ok" if row["root_cause"] == row["expected_root_cause"] else "MISS"
        print(f"{row['name']:34s} exit={row['exit']} symptom={row['symptom']} [{ok_s}] root={row['root_cause']} "
              f"[{ok_r}] status={row['status']} runs={row['runs']} cost={row['cost']}/{row['cost_train']} "
              f"wall={row['wall_s']}s untraced={len(row['traceability_failures'])}",
              flush=True)
        rows.append(row)
    summary = summarize(rows)
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
