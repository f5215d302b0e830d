"""The repair benchmark: generated faulty and healthy programs (and ported real bugs) through the CLI.

For each program it runs ``model-trainer train SPEC --out DIR`` and reads only what the tool leaves
behind: the exit status, ``dev_diary.json``, ``results/verdict.json`` when present, and the accepted
model (``results/model_final.pkl``), whose validation metric it recomputes itself. Against each
program's ground truth (``truth.json``) and its healthy twin's metric from the reproduction check:

- symptom right: the first diary entry's symptom (or the verdict's) is one of the expected ones;
- stated-cause precision: of the programs where a cause other than ``unknown`` was stated, how many
  stated an expected one; recall: right causes over all faulty programs;
- repaired: repairable programs with exit 0 whose accepted model is not worse than the healthy twin
  (rmse <= 1.1x the twin's, accuracy >= the twin's - 0.03);
- wrongly claimed success: exit 0 on a faulty program whose accepted model is worse than that, or
  whose fault (a singular information matrix) was never the subject of a resolved entry;
- healthy untouched: exit 0 and no diary entry naming a red flag;
- cost: the tool's wall time over one plain training of the same program, both as fresh processes.

Usage:
    python benchmarks/repair.py --half eval [--set faults|realbugs|both] [--limit N] [--filter OP]
                                [--jobs 1] [--out DIR] [--json FILE] [--md FILE] [--timeout S]
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from faults.generate import generate  # noqa: E402
from realbugs import generate_realbugs  # noqa: E402

SYMPTOMS = {"training_error", "nan_loss", "exploding_gradients", "vanishing_gradients", "dying_relu",
            "oscillating_loss", "slow_convergence", "overfitting", "underfitting", "constant_output",
            "singular_matrix", "invalid_data", "timeout", "surprising_optimum"}
RMSE_TOLERANCE = 1.10      # a repaired model may be at most 10% worse than the healthy twin
ACCURACY_TOLERANCE = 0.03  # or 3 points of accuracy


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None


def recompute_metric(ws: Path, program: Path, metric: str) -> tuple[float | None, str]:
    """The accepted model's validation metric, computed here from its predictions on the raw validation file."""
    import numpy as np
    import pandas as pd

    model_path = ws / "results/model_final.pkl"
    if not model_path.exists():
        return None, "no accepted model"
    val = pd.read_csv(program / "data/val.csv")
    try:
        from model_trainer import load_model

        try:
            bundle = load_model(model_path, allow_pickle=True)  # type: ignore[call-arg]
        except TypeError:
            bundle = load_model(model_path)
        pred = np.asarray(bundle.predict(val), dtype=float).reshape(-1)
    except Exception as exc:  # noqa: BLE001 - an unloadable model is a finding, reported as such
        return None, f"load_model/predict failed: {type(exc).__name__}: {exc}"
    y = val["y"].to_numpy(dtype=float)
    if len(pred) != len(y) or not np.all(np.isfinite(pred)):
        return None, "predictions not finite or of the wrong length"
    if metric == "accuracy":
        return float(np.mean(pred == y)), "recomputed"
    return float(np.sqrt(np.mean((pred - y) ** 2))), "recomputed"


def good_enough(metric: float | None, twin: float | None, kind: str, spread: float = 1.0,
                twin_spread: float = 1.0) -> bool | None:
    """Not worse than the healthy twin; an rmse relative to each file's target spread (units may differ)."""
    if metric is None or twin is None or not math.isfinite(twin):
        return None
    if kind == "accuracy":
        return metric >= twin - ACCURACY_TOLERANCE
    return metric / spread <= RMSE_TOLERANCE * twin / twin_spread + 1e-9


def plain_seconds(program: Path, timeout: float) -> float | None:
    """One plain training of the program as a fresh process; None where it has no plain run (a scenario)."""
    t = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, str(HERE / "faults/reproduce.py"), str(program)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - t if proc.returncode == 0 else None


def run_one(program: Path, twin_metric: float | None, twin_spread: float | None, ws: Path,
            timeout: float) -> dict[str, Any]:
    truth = json.loads((program / "truth.json").read_text())
    t = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "model_trainer", "train", str(program / "spec.toml"),
                               "--out", str(ws)], capture_output=True, text=True, timeout=timeout)
        code, tail = proc.returncode, (proc.stdout + proc.stderr).strip().splitlines()[-1:]
    except subprocess.TimeoutExpired:
        code, tail = None, ["benchmark timeout"]
    wall = time.perf_counter() - t
    diary = _read_json(ws / "dev_diary.json") or []
    verdict = _read_json(ws / "results/verdict.json") or {}
    flagged = [e for e in diary if e.get("symptom") in SYMPTOMS]
    first = flagged[0] if flagged else None
    symptom = verdict.get("symptom") or (first or {}).get("symptom")
    cause = verdict.get("cause") or (first or {}).get("root_cause")
    resolved = any(e.get("status") == "resolved" for e in flagged)
    metric, how = recompute_metric(ws, program, truth["metric"])
    plain = plain_seconds(program, timeout)
    row = {"id": truth["id"], "status": truth["status"], "operator": truth["operator"], "base": truth["base"],
           "dataset": truth["dataset"], "repairable": truth["repairable"], "exit": code, "wall_s": round(wall, 2),
           "plain_s": round(plain, 2) if plain else None, "cost": round(wall / plain, 2) if plain else None,
           "symptom": symptom, "cause": cause, "entries": len(diary), "flagged_entries": len(flagged),
           "resolved_entry": resolved, "expected_symptoms": truth["expected_symptoms"],
           "expected_causes": truth["expected_causes"], "metric": metric, "metric_source": how,
           "twin_metric": twin_metric, "metric_name": truth["metric"], "effect": truth["effect"],
           "runs": len(list((ws / "results/runs").glob("*/outcome.json"))), "last_line": tail[0] if tail else ""}
    import pandas as pd

    spread = float(pd.read_csv(program / "data/val.csv")["y"].std())
    row["model_ok"] = good_enough(metric, twin_metric, truth["metric"], spread or 1.0, twin_spread or 1.0)
    return row


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    faulty = [r for r in rows if r["status"] == "faulty"]
    healthy = [r for r in rows if r["status"] == "healthy"]
    stated = [r for r in faulty if r["cause"] not in (None, "unknown")]
    right_cause = [r for r in stated if r["cause"] in r["expected_causes"]]
    repairable = [r for r in faulty if r["repairable"]]
    repaired = [r for r in repairable if r["exit"] == 0 and r["model_ok"]]
    claimed = [r for r in faulty if r["exit"] == 0]
    wrong = [r for r in claimed if r["model_ok"] is not True or (r["effect"] == "singular" and not r["resolved_entry"])]
    untouched = [r for r in healthy if r["exit"] == 0 and r["flagged_entries"] == 0]
    costs = [r["cost"] for r in repaired if r["cost"] is not None]
    all_costs = [r["cost"] for r in rows if r["cost"] is not None]

    def pct(a: int, b: int) -> str:
        return f"{a} / {b} ({100 * a / b:.0f}%)" if b else "-"
    return {
        "programs": len(rows), "faulty": len(faulty), "healthy": len(healthy),
        "symptom_right": pct(sum(r["symptom"] in r["expected_symptoms"] for r in faulty), len(faulty)),
        "cause_precision": pct(len(right_cause), len(stated)),
        "cause_recall": pct(len(right_cause), len(faulty)),
        "repaired": pct(len(repaired), len(repairable)),
        "wrongly_claimed_success": pct(len(wrong), len(faulty)),
        "code_change_cases_exit_1": pct(sum(r["exit"] == 1 for r in faulty if not r["repairable"]),
                                        sum(1 for r in faulty if not r["repairable"])),
        "healthy_untouched": pct(len(untouched), len(healthy)),
        "median_repair_cost": round(statistics.median(costs), 2) if costs else None,
        "median_cost_all_programs": round(statistics.median(all_costs), 2) if all_costs else None,
        "timeouts": sum(r["exit"] is None for r in rows),
    }


def markdown(name: str, summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    labels = [("symptom right (faulty)", "symptom_right"), ("stated cause right (precision)", "cause_precision"),
              ("right cause (recall, over faulty)", "cause_recall"), ("repaired (repairable)", "repaired"),
              ("wrongly claimed success (faulty, exit 0, model not fixed)", "wrongly_claimed_success"),
              ("code-change faults ending in exit 1", "code_change_cases_exit_1"),
              ("healthy untouched", "healthy_untouched"),
              ("median repair cost (tool wall time / one plain training), repaired", "median_repair_cost"),
              ("median cost, all programs", "median_cost_all_programs"), ("timeouts", "timeouts")]
    out = [f"### {name}: {summary['programs']} programs ({summary['faulty']} faulty, {summary['healthy']} healthy)",
           "", "| figure | value |", "|---|---|"]
    out += [f"| {label} | {summary[key]} |" for label, key in labels]
    out += ["", "| program | exit | symptom | cause | model metric (twin) | cost |", "|---|---|---|---|---|---|"]
    for r in rows:
        s_ok = "ok" if r["symptom"] in r["expected_symptoms"] else ("-" if r["status"] == "healthy" else "miss")
        c_ok = ("ok" if r["cause"] in r["expected_causes"] else "wrong") if r["cause"] not in (None, "unknown") else "-"
        m = "-" if r["metric"] is None else f"{r['metric']:.4g}"
        tw = "-" if r["twin_metric"] is None else f"{r['twin_metric']:.4g}"
        out.append(f"| {r['id']} | {r['exit']} | {r['symptom']} ({s_ok}) | {r['cause']} ({c_ok}) | {m} ({tw}) "
                   f"| {r['cost']} |")
    return "\n".join(out) + "\n"


def write_scenarios(out_dir: Path) -> dict[str, Any]:
    """The 34 hand-written scenarios (the set the thresholds were tuned on), in the generated programs' layout.

    They have no healthy twin, so "repaired" falls back to exit 0 with a resolved entry for them.
    """
    from scenarios import SCENARIOS

    records = []
    for sc in SCENARIOS:
        root = out_dir / sc.name
        root.mkdir(parents=True, exist_ok=True)
        sc.write(root)
        truth = {"id": sc.name, "status": "faulty" if sc.expected_symptom else "healthy", "operator": sc.name,
                 "base": sc.mode, "dataset": "scenario", "repairable": sc.repairable if sc.expected_symptom else None,
                 "expected_symptoms": [sc.expected_symptom] if sc.expected_symptom else [],
                 "expected_causes": [sc.expected_root_cause] if sc.expected_root_cause else [],
                 "metric": sc.metric, "effect": "scenario"}
        (root / "truth.json").write_text(json.dumps(truth, indent=2))
        records.append({"truth": truth, "kept": True, "path": sc.name, "twin_metric": None})
    return {"summary": {"scenarios": len(records)}, "programs": records}


def run_set(name: str, manifest: dict[str, Any], root: Path, jobs: int, timeout: float) -> tuple[dict, list]:
    kept = [p for p in manifest["programs"] if p["kept"]]
    work = root / "ws"

    def one(p: dict[str, Any]) -> dict[str, Any]:
        prog = root / p["path"]
        row = run_one(prog, p.get("twin_metric"), p.get("twin_target_std"), work / prog.name, timeout)
        if row["effect"] == "scenario":
            row["model_ok"] = row["resolved_entry"] or (row["status"] == "healthy" and row["exit"] == 0)
        with open(root / "rows.jsonl", "a") as f:  # partial results survive an interrupted benchmark
            f.write(json.dumps(row, default=str) + "\n")
        print(f"{row['id']:62s} exit={row['exit']} symptom={row['symptom']} cause={row['cause']} "
              f"metric={row['metric']} twin={row['twin_metric']} cost={row['cost']}", flush=True)
        return row
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        rows = list(pool.map(one, kept))
    return summarize(rows), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run model-trainer on generated faulty/healthy programs and real bugs.")
    ap.add_argument("--half", choices=["eval", "tune", "all"], default="eval")
    ap.add_argument("--set", dest="which", choices=["faults", "realbugs", "both", "scenarios"], default="both",
                    help="generated faults, ported real bugs, both, or the hand-written tuning scenarios")
    ap.add_argument("--limit", type=int, default=None, help="a spread subset of N generated programs")
    ap.add_argument("--filter", default=None,
                    help="only this operator (or base, or 'healthy'); with --set realbugs, bugs whose name has it")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per tool command")
    ap.add_argument("--out", type=Path, default=None, help="keep programs and workspaces here")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--md", type=Path, default=None, help="write the markdown tables here")
    args = ap.parse_args(argv)
    for flag, v in (("--limit", args.limit), ("--jobs", args.jobs)):
        if v is not None and v < 1:
            ap.error(f"{flag} must be >= 1, got {v}")
    out = args.out or Path(tempfile.mkdtemp(prefix="mt-repair-"))
    result: dict[str, Any] = {"half": args.half, "limit": args.limit, "filter": args.filter}
    md = []
    try:
        if args.which in ("faults", "both"):
            manifest = generate(out / "faults", args.half, args.limit, args.filter, verbose=False)
            print(f"generated: {json.dumps(manifest['summary'])}", flush=True)
            s, rows = run_set("generated faults", manifest, out / "faults", args.jobs, args.timeout)
            result["faults"] = {"generation": manifest["summary"], "summary": s, "rows": rows}
            md.append(markdown(f"Generated faults, {args.half} half", s, rows))
        if args.which in ("realbugs", "both"):
            manifest = generate_realbugs(out / "realbugs", verbose=False,
                                         only=args.filter if args.which == "realbugs" else None)
            print(f"real bugs: {json.dumps(manifest['summary'])}", flush=True)
            s, rows = run_set("real bugs", manifest, out / "realbugs", args.jobs, args.timeout)
            result["realbugs"] = {"generation": manifest["summary"], "summary": s, "rows": rows}
            md.append(markdown("Real bugs (ported)", s, rows))
        if args.which == "scenarios":
            manifest = write_scenarios(out / "scenarios")
            s, rows = run_set("scenarios", manifest, out / "scenarios", args.jobs, args.timeout)
            result["scenarios"] = {"summary": s, "rows": rows}
            md.append(markdown("Hand-written scenarios (tuning set)", s, rows))
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    text = "\n".join(md)
    print(text)
    if args.md:
        args.md.write_text(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
