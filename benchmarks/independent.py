"""The tool on the independently written programs of ``benchmarks/independent/``, scored as ``repair.py`` scores.

A hundred and eighty programs in seventeen rounds (a hundred and thirty-two faulty, forty-eight healthy) written
against the contract alone, with their own ground truth (``truth.json``: expected symptoms and causes, whether a
config or data repair can fix it, the corrected twin's validation metric). Each program is copied without its
``truth.json`` and run as a user runs it, ``python -m model_trainer train SPEC --out WS``; only what the tool leaves
is read: the exit status, ``results/verdict.json``, the diary, and the accepted model, whose validation metric is
recomputed here from ``load_model(...).predict`` on the raw validation file.

    python benchmarks/independent.py [--out DIR] [--json FILE] [--md FILE] [--cost] [--round N] [NAME ...]

The programs came in rounds (``round`` in ``truth.json``, 1 where absent), each run first on a tool that had not
seen it; the figures are given for each round and for all.

``--cost`` also times one plain training of each program (``independent/_driver/driver.py``, the set's own
driver) right after the tool's run, for the ratio.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
SET = HERE / "independent"
# as repair.py: not worse than the healthy twin (rmse at most 1.1x; accuracy at most 3 points lower)
RMSE_TOLERANCE = 1.1
ACCURACY_TOLERANCE = 0.03


def programs(names: list[str]) -> list[Path]:
    found = sorted(p for p in SET.iterdir() if p.is_dir() and not p.name.startswith("_"))
    return [p for p in found if not names or p.name in names]


def recompute(ws: Path, prog: Path, target: str, metric: str) -> float | str | None:
    if not (ws / "results/model_final.pkl").exists():
        return None
    import numpy as np
    import pandas as pd

    from model_trainer import load_model

    try:
        bundle = load_model(ws / "results/model_final.pkl", allow_pickle=True)
        val = pd.read_csv(prog / "data/val.csv")
        pred = np.asarray(bundle.predict(val), dtype=float).reshape(-1)
        y = val[target].to_numpy(dtype=float)
    except Exception as exc:  # noqa: BLE001 - an unloadable model is a finding, reported as such
        return f"load_model/predict failed: {type(exc).__name__}: {exc}"
    if len(pred) != len(y) or not np.all(np.isfinite(pred)):
        return "predictions not finite or of the wrong length"
    return float(np.mean(pred == y)) if metric == "accuracy" else float(np.sqrt(np.mean((pred - y) ** 2)))


def run_one(src: Path, out: Path, cost: bool) -> dict[str, Any]:
    truth = json.loads((src / "truth.json").read_text())
    prog = out / src.name
    shutil.rmtree(prog, ignore_errors=True)
    shutil.copytree(src, prog, ignore=shutil.ignore_patterns("truth.json"))
    spec = tomllib.loads((prog / "spec.toml").read_text())
    ws = prog / "ws"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "model_trainer", "train", str(prog / "spec.toml"), "--out", str(ws)],
                          capture_output=True, text=True, timeout=900)
    wall = time.perf_counter() - t
    plain = None
    if cost:
        t = time.perf_counter()
        p = subprocess.run([sys.executable, str(SET / "_driver/driver.py"), str(src), "--quiet"], capture_output=True,
                           text=True, timeout=900)
        plain = time.perf_counter() - t if p.returncode == 0 else None
    verdict = json.loads((ws / "results/verdict.json").read_text()) if (ws / "results/verdict.json").exists() else {}
    metric = recompute(ws, prog, spec["data"]["target"], truth["metric"])
    twin = truth.get("twin_metric")
    ok = None
    if isinstance(metric, float) and twin is not None:
        ok = (metric >= twin - ACCURACY_TOLERANCE if truth["metric"] == "accuracy"
              else metric <= RMSE_TOLERANCE * twin + 1e-9)
    return {"name": src.name, "round": int(truth.get("round", 1)), "status": truth["status"],
            "repairable": truth.get("repairable"),
            "exit": proc.returncode, "wall_s": round(wall, 1), "plain_s": round(plain, 1) if plain else None,
            "cost": round(wall / plain, 2) if plain else None,
            "symptom": verdict.get("symptom"), "cause": verdict.get("cause"),
            "expected_symptoms": truth.get("expected_symptoms") or [], "expected_causes": truth.get("expected_causes")
            or [], "metric": metric, "twin_metric": twin, "model_ok": ok,
            "runs": len(list((ws / "results/runs").glob("*"))) if (ws / "results/runs").exists() else 0,
            "line": (proc.stdout.strip().splitlines() or [""])[-1]}


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    faulty = [r for r in rows if r["status"] == "faulty"]
    healthy = [r for r in rows if r["status"] == "healthy"]
    stated = [r for r in faulty if r["cause"] not in (None, "unknown")]
    right = [r for r in stated if r["cause"] in r["expected_causes"]]
    repairable = [r for r in faulty if r["repairable"]]
    repaired = [r for r in repairable if r["exit"] == 0 and r["model_ok"]]
    wrong = [r for r in faulty if r["exit"] == 0 and r["model_ok"] is not True]
    costs = [r["cost"] for r in repaired if r["cost"]]
    return {"faulty": len(faulty), "healthy": len(healthy),
            "symptom_right": sum(r["symptom"] in r["expected_symptoms"] for r in faulty),
            "cause_stated": len(stated), "cause_right": len(right), "repairable": len(repairable),
            "repaired": len(repaired), "wrong_success": len(wrong), "wrong": [r["name"] for r in wrong],
            "healthy_untouched": sum(r["exit"] == 0 and r["symptom"] is None for r in healthy),
            "median_cost_repaired": round(statistics.median(costs), 2) if costs else None}


def markdown(rows: list[dict[str, Any]], s: dict[str, Any]) -> str:
    def frac(a: int, b: int) -> str:
        return f"{a} / {b} ({100 * a / b:.0f}%)" if b else "-"
    rounds = sorted({r["round"] for r in rows})
    parts = [(f"round {n}", summarize([r for r in rows if r["round"] == n])) for n in rounds] if len(rounds) > 1 else []
    parts.append(("all", s))
    figures = [("symptom right (faulty)", lambda x: frac(x["symptom_right"], x["faulty"])),
               ("stated cause right (precision)", lambda x: frac(x["cause_right"], x["cause_stated"])),
               ("right cause (recall, over faulty)", lambda x: frac(x["cause_right"], x["faulty"])),
               ("repaired (repairable)", lambda x: frac(x["repaired"], x["repairable"])),
               ("wrongly claimed success", lambda x: frac(x["wrong_success"], x["faulty"])),
               ("healthy untouched", lambda x: frac(x["healthy_untouched"], x["healthy"])),
               ("median repair cost, repaired", lambda x: x["median_cost_repaired"] or "-")]
    lines = [f"### Independent programs: {s['faulty'] + s['healthy']} ({s['faulty']} faulty, {s['healthy']} healthy)",
             "", "| figure | " + " | ".join(name for name, _ in parts) + " |", "|---|" + "---|" * len(parts)]
    lines += [f"| {label} | " + " | ".join(str(f(x)) for _, x in parts) + " |" for label, f in figures]
    lines += ["", "| program | round | exit | symptom | cause | model metric (twin) | runs | wall s | cost |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        sym = f"{r['symptom']} ({'ok' if r['symptom'] in r['expected_symptoms'] else 'miss'})" if r["symptom"] else "-"
        cause = r["cause"] or "-"
        if r["cause"] not in (None, "unknown"):
            cause += " (ok)" if r["cause"] in r["expected_causes"] else " (WRONG)"
        m = r["metric"]
        shown = f"{m:.4g}" if isinstance(m, float) and math.isfinite(m) else "-"
        lines.append(f"| {r['name']} | {r['round']} | {r['exit']} | {sym} | {cause} | {shown} ({r['twin_metric']}) | "
                     f"{r['runs']} | {r['wall_s']} | {r['cost'] or '-'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--out", type=Path, default=Path("bench_out/independent"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--md", type=Path)
    ap.add_argument("--cost", action="store_true")
    ap.add_argument("--round", type=int, help="only the programs of this round")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for src in programs(a.names):
        if a.round is not None and int(json.loads((src / "truth.json").read_text()).get("round", 1)) != a.round:
            continue
        row = run_one(src, a.out, a.cost)
        rows.append(row)
        print(f"{row['name']:20} exit={row['exit']} symptom={row['symptom']} cause={row['cause']} "
              f"metric={row['metric']} twin={row['twin_metric']} runs={row['runs']} wall={row['wall_s']}", flush=True)
    s = summarize(rows)
    md = markdown(rows, s)
    print(md)
    if a.json:
        a.json.write_text(json.dumps({"summary": s, "rows": rows}, indent=1))
    if a.md:
        a.md.write_text(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
