"""Generate the fault benchmark deterministically from generator seeds, check every fault reproduces.

Faulty programs come in seed pairs (2j, 2j+1) that share an operator-base-dataset triple: pair j
takes operator ``j % n_operators`` and cycles through that operator's triples, so every operator
gets the same share and each half holds every kind of fault, on different draws of the data. Even
seeds form the tuning half, odd seeds the evaluation half. Healthy
programs get seeds from 100000 on, split the same way. Only code is kept in git; the programs are
written on the fly into ``--out`` with a ``manifest.json`` of their ground truth and check evidence.

Usage (from the repository root):
    python benchmarks/faults/generate.py --out /tmp/faults --half eval [--limit N] [--no-check]

Example:
    >>> plan = plan_programs()
    >>> sum(1 for s in plan if s.operator) >= 200, sum(1 for s in plan if not s.operator) >= 40
    (True, True)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "faults"

import numpy as np

from .datasets import LOADERS
from .operators import ALL, BY_NAME, Operator, Outcome
from .programs import BASES, Program, base, half_of
from .reproduce import run_plain

PAIRS = 170           # faulty seed pairs: 340 faulty programs before the reproduction check
HEALTHY_ROUNDS = 1    # healthy programs per base-dataset pair and half
HEALTHY_SEED0 = 100_000
TASK_OF = {"diabetes": "regression", "breast_cancer": "binary", "wine": "multiclass", "digits": "multiclass",
           "linnerud": "regression", "friedman": "regression", "classif": "binary", "sine_windows": "regression",
           "ar_windows": "regression", "counts_diabetes": "regression", "counts_synthetic": "regression",
           "growth_synthetic": "regression", "dose_synthetic": "regression"}


@dataclass(frozen=True)
class Slot:
    seed: int
    base: str
    dataset: str
    operator: str | None

    @property
    def half(self) -> str:
        return half_of(self.seed)


def _triples() -> list[tuple[str, str, str]]:
    out = []
    for op in ALL:
        for name, info in BASES.items():
            for ds in info["datasets"]:
                if name in op.bases and TASK_OF[ds] in op.tasks and (not op.datasets or ds in op.datasets):
                    out.append((op.name, name, ds))
    return out


def _interleaved(triples: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Each operator's triples reordered so that consecutive ones use different bases (architectures)."""
    out = []
    for k, op in enumerate(dict.fromkeys(t[0] for t in triples)):
        per_base: dict[str, list[tuple[str, str, str]]] = {}
        for t in triples:
            if t[0] == op:
                per_base.setdefault(t[1], []).append(t)
        # rotate each base's datasets by the operator's index so that operators start on different datasets
        # and the bases too, so that operators with many bases do not all start on the same architecture
        names = list(per_base)
        names = names[k % len(names):] + names[:k % len(names)]
        rounds = max(len(v) for v in per_base.values())
        out += [per_base[b][(i + k) % len(per_base[b])] for i in range(rounds) for b in names
                if i < len(per_base[b])]
    return out


def plan_programs() -> list[Slot]:
    """Every program the generator can make, before the reproduction check; deterministic."""
    by_op: dict[str, list[tuple[str, str, str]]] = {}
    for t in _interleaved(_triples()):
        by_op.setdefault(t[0], []).append(t)
    ops = list(by_op)
    slots = []
    for j in range(PAIRS):
        mine = by_op[ops[j % len(ops)]]
        op, b, ds = mine[(j // len(ops)) % len(mine)]
        slots += [Slot(2 * j, b, ds, op), Slot(2 * j + 1, b, ds, op)]
    pairs = [(b, ds) for b, info in BASES.items() for ds in info["datasets"]]
    for k in range(2 * HEALTHY_ROUNDS * len(pairs)):
        b, ds = pairs[(k // 2) % len(pairs)]
        slots.append(Slot(HEALTHY_SEED0 + k, b, ds, None))
    return slots


def build(slot: Slot) -> tuple[Program, Program | None]:
    """The program of a slot and, for a faulty one, its healthy twin (same data, same context)."""
    p = base(slot.base, slot.dataset, slot.seed)
    if slot.operator is None:
        p.pid = f"h{slot.seed:06d}-{slot.base}-{slot.dataset}"
        return p, None
    op = BY_NAME[slot.operator]
    rng = np.random.default_rng(slot.seed)
    op.prepare(p, rng)
    twin = p.clone()
    op.inject(p, rng)
    return p, twin


def healthy_ok(out: Outcome) -> str | None:
    """None when a plain run is healthy: finite, no error, clearly better than a constant predictor."""
    if out.error:
        return f"raised {out.error}"
    if out.nonfinite or not np.isfinite(out.metric):
        return "non-finite"
    if out.extra.get("convergence_warning"):
        return "ConvergenceWarning"
    val = [r["val_loss"] for r in out.history if "val_loss" in r]
    # a rise that matters: 1.2x the minimum and more than 5% of the first epoch's loss (tiny losses jitter)
    if len(val) >= 5 and val[-1] > 1.2 * min(val) and val[-1] - min(val) > 0.05 * val[0]:
        return f"overfits: final val_loss {val[-1]:.4g} is {val[-1] / min(val):.2f}x its minimum"
    if out.higher_is_better:
        return None if out.metric >= 0.6 else f"accuracy {out.metric:.3f}"
    if out.metric > 0.9 * out.target_std:
        return f"rmse {out.metric:.3g} not clearly below the target's spread {out.target_std:.3g}"
    cond = out.extra.get("condition_number")
    if cond is not None and (not np.isfinite(cond) or cond > 1e8):
        return f"information matrix condition number {cond:.3g}"
    return None


def check(slot: Slot) -> dict:
    """Build the slot's program, run it (and its twin) plainly; the verdict and its evidence."""
    p, twin = build(slot)
    out = run_plain(p)
    rec = {"slot": slot.__dict__, "truth": p.truth(), "run": out.to_json()}
    if twin is None:
        problem = healthy_ok(out)
        rec.update(kept=problem is None, evidence=problem or "healthy", twin_metric=out.metric,
                   twin_target_std=out.target_std)
        return rec
    tout = run_plain(twin)
    rec["twin_run"] = tout.to_json()
    rec["twin_metric"] = tout.metric if np.isfinite(tout.metric) else None
    rec["twin_target_std"] = tout.target_std
    problem = healthy_ok(tout)
    if problem:
        rec.update(kept=False, evidence=f"healthy twin is not healthy: {problem}")
        return rec
    op: Operator = BY_NAME[slot.operator]  # type: ignore[index]
    why = op.reproduced(out, tout)
    rec.update(kept=why is not None, evidence=why or "fault did not show in a plain run")
    return rec


def select(half: str = "all", limit: int | None = None, only: str | None = None) -> list[Slot]:
    slots = [s for s in plan_programs() if half == "all" or s.half == half]
    if only:
        slots = [s for s in slots if (s.operator or "healthy") == only or only in (s.operator or "healthy")
                 or only == s.base]
    if limit is not None:
        slots = _spread(slots, limit)
    return slots


def _spread(slots: list[Slot], limit: int) -> list[Slot]:
    """A deterministic subset that keeps the mix: faulty slots round-robin over the operators (as many operators
    as the limit allows, each operator's slots in order), healthy ones every k-th."""
    if limit >= len(slots):
        return slots
    faulty = [s for s in slots if s.operator]
    healthy = [s for s in slots if not s.operator]
    n_h = max(1, round(limit * len(healthy) / len(slots))) if healthy else 0
    n_f = limit - n_h
    by_op: dict[str, list[Slot]] = {}
    for s in faulty:
        by_op.setdefault(s.operator or "", []).append(s)
    pick = []
    depth = 0
    while len(pick) < n_f and any(depth < len(v) for v in by_op.values()):
        pick += [v[depth] for v in by_op.values() if depth < len(v)][: n_f - len(pick)]
        depth += 1
    pick += [healthy[int(i * len(healthy) / n_h)] for i in range(n_h)] if n_h > 0 else []
    return pick


def write_checked(slot: Slot, rec: dict, out_dir: Path) -> Path:
    p, _ = build(slot)
    root = out_dir / p.pid
    p.write(root)
    return root


def generate(out_dir: Path, half: str = "all", limit: int | None = None, only: str | None = None,
             verbose: bool = True) -> dict:
    """Check and write the chosen programs; returns (and writes) the manifest."""
    import torch

    torch.set_num_threads(1)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    records = []
    for slot in select(half, limit, only):
        rec = check(slot)
        if rec["kept"]:
            rec["path"] = str(write_checked(slot, rec, out_dir).relative_to(out_dir))
        records.append(rec)
        if verbose:
            print(f"{'kept ' if rec['kept'] else 'DROP '} {rec['truth']['id']:60s} {rec['evidence']}", flush=True)
    manifest = {"half": half, "limit": limit, "filter": only, "seconds": round(time.perf_counter() - t0, 1),
                "summary": summarize(records), "programs": records}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, default=_json) + "\n")
    return manifest


def _json(v: object) -> object:
    if isinstance(v, float | np.floating):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, np.integer | np.bool_):
        return v.item()
    return str(v)


def summarize(records: list[dict]) -> dict:
    faulty = [r for r in records if r["truth"]["status"] == "faulty"]
    healthy = [r for r in records if r["truth"]["status"] == "healthy"]
    dropped: dict[str, int] = {}
    for r in records:
        if not r["kept"]:
            key = r["truth"]["operator"] or "healthy"
            dropped[key] = dropped.get(key, 0) + 1
    return {"faulty_planned": len(faulty), "faulty_kept": sum(r["kept"] for r in faulty),
            "healthy_planned": len(healthy), "healthy_kept": sum(r["kept"] for r in healthy),
            "dropped_by_operator": dict(sorted(dropped.items())),
            "operators": len({r["truth"]["operator"] for r in faulty}), "datasets": len(LOADERS)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write the programs and manifest.json into")
    ap.add_argument("--half", choices=["tune", "eval", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="a spread subset of N programs")
    ap.add_argument("--filter", default=None, help="only this operator (or base, or 'healthy')")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error(f"--limit must be >= 1, got {args.limit}")
    m = generate(args.out, args.half, args.limit, args.filter)
    print(json.dumps(m["summary"], indent=1), f"\n{m['seconds']} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
