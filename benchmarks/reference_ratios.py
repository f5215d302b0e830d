"""How far healthy programs sit from the quick references: the evidence behind ``REF_ERROR_RATIO``.

For each healthy program of a half (and, with ``--faulty``, each faulty program that reproduces), a plain training
(``faults/reproduce.py``) gives the model's validation metric; the tool's own references (constant, linear,
boosted trees) are fitted on the same split. The ratio of the model's error to the best reference's is what the
acceptance rule compares with ``REF_ERROR_RATIO``; a threshold is sound when healthy programs stay below it.

    python benchmarks/reference_ratios.py --half tune [--faulty] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from faults.datasets import TARGET
from faults.generate import build, select
from faults.operators import BY_NAME
from faults.reproduce import run_plain

from model_trainer.probes.references import references


def ratio(metric: float, best: float, higher_is_better: bool) -> float:
    err, ref = (1 - metric, 1 - best) if higher_is_better else (metric, best)
    return err / ref if ref > 0 else math.inf


def row(p: object, out: object) -> dict:
    feats = [c for c in p.train.columns if c != TARGET]
    refs = references(p.train, p.val, feats, TARGET, p.metric)
    hib = p.metric in ("accuracy", "f1", "auc", "r2")
    best = refs.best(hib)
    r = ratio(out.metric, best[1], hib) if best and math.isfinite(out.metric) else None
    return {"id": p.pid, "kind": p.kind, "metric": out.metric, "best_ref": best, "ratio": r,
            "constant": refs.values.get("constant")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default="tune", choices=("tune", "eval", "all"))
    ap.add_argument("--faulty", action="store_true", help="also the faulty programs (whose fault reproduces)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    rows = []
    for slot in select(a.half, a.limit, None if a.faulty else "healthy"):
        p, twin = build(slot)
        if p.kind == "mle":
            continue  # a fit is judged by its likelihood, not against the references
        out = run_plain(p)
        if not math.isfinite(out.metric) or out.error:
            continue
        r = row(p, out)
        r["status"] = "faulty" if twin is not None else "healthy"
        if twin is not None:
            tout = run_plain(twin)
            if BY_NAME[slot.operator].reproduced(out, tout) is None:
                continue
        rows.append(r)
        print(f"{r['id']:<60} {r['status']:<8} ratio {r['ratio'] if r['ratio'] is None else round(r['ratio'], 3)}",
              flush=True)
    for status in ("healthy", "faulty"):
        rs = sorted(x["ratio"] for x in rows if x["status"] == status and x["ratio"] is not None)
        if rs:
            med, p90 = (rs[min(len(rs) - 1, int(f * len(rs)))] for f in (0.5, 0.9))
            print(f"{status}: n={len(rs)} median {med:.3f} p90 {p90:.3f} max {rs[-1]:.3f}")
    if a.json:
        a.json.write_text(json.dumps(rows, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
