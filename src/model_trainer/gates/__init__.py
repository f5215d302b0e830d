"""``model-trainer gates DIR``: the seed's quality gates on a workspace, written to ``quality_gates.md``
and ``quality_gates.json``. Each gate is a list of failures; a gate passes when its list is empty.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.gates.lint import lint
from model_trainer.gates.traceability import corpus_numbers, untraced
from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.diary import read_entries
from model_trainer.records.load import load_history, read_outcome

_EPOCH_LINE = re.compile(r"epoch: (\d+) train_loss: \S+.* run: (\S+)|epoch: (\d+) .* run: (\S+)")


def completeness(root: Path, entries: list[dict[str, Any]]) -> list[str]:
    out = []
    if not (root / "results/training_history.csv").exists():
        out.append("results/training_history.csv is missing")
    if not (root / "results/model_final.pkl").exists() and not any(e["status"] != "resolved" for e in entries):
        out.append("results/model_final.pkl is missing and no diary entry documents why")
    runs = list((root / "results/runs").glob("*/outcome.json"))
    went_wrong = [read_outcome(p.parent) for p in runs]  # a damaged outcome.json is an input error naming it
    went_wrong = [o for o in went_wrong if o["status"] not in ("completed",) or o.get("stop_reason")]
    if went_wrong and not entries:
        out.append(f"{len(went_wrong)} run(s) went wrong but dev_diary.md has no entry")
    if entries and entries[-1]["status"] != "resolved" and not entries[-1].get("next_steps"):
        out.append(f"entry #{entries[-1]['id']} is not resolved and says nothing about what to do next")
    return out


def o_award(entries: list[dict[str, Any]]) -> list[str]:
    out = []
    for e in entries:
        if not e.get("what_happened"):
            out.append(f"entry #{e['id']}: the struggle is not described")
        if not e["why"].get("root_cause") or not e.get("initial_hypothesis"):
            out.append(f"entry #{e['id']}: no root-cause hypothesis recorded")
        if not e["why"].get("domain_insight"):
            out.append(f"entry #{e['id']}: no physical interpretation attempted")
    return out


def integration(root: Path) -> list[str]:
    out = []
    log = root / "training_full.log"
    if not log.exists():
        return ["training_full.log is missing"]
    counts: dict[str, int] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.search(r" epoch: (\d+) .*run: (\S+)$", line)
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    for d in sorted((root / "results/runs").glob("*")):
        n = len(load_history(d / "history.csv"))
        if counts.get(d.name, 0) != n:
            out.append(f"run {d.name}: {n} epochs in its history but {counts.get(d.name, 0)} epoch lines in the log")
    if not (root / "handoff.json").exists():
        out.append("handoff.json is missing (written by train and search)")
    return out


def traceability(root: Path) -> list[str]:
    corpus = corpus_numbers(root)
    out = []
    for rel in ("dev_diary.md", "results/hyperparameter_search.md"):
        for lineno, tok in untraced(root / rel, corpus):
            out.append(f"{rel} line {lineno}: {tok} is found in no recorded run's files")
    return out


def domain(root: Path) -> list[str]:
    from model_trainer.gates.lint import _spec

    spec = _spec(root)
    if spec is None or (spec.gates.bounds is None and not spec.gates.checks):
        return []
    model = root / "results/model_final.pkl"
    if not model.exists():
        return ["domain checks are declared but there is no final model to check"]
    import numpy as np
    import pandas as pd

    from model_trainer import load_model

    val = pd.read_csv(spec.resolve(spec.data.val)).copy()
    # the gates command reads its own workspace; a model with no safe twin needs the (workspace-local) pickle
    pred = np.asarray(load_model(model, allow_pickle=True).predict(val), dtype=float)
    out = []
    if spec.gates.bounds is not None:
        lo, hi = spec.gates.bounds
        bad = int(np.sum((pred < lo) | (pred > hi) | ~np.isfinite(pred)))
        if bad:
            out.append(f"{bad} of {len(pred)} validation predictions fall outside [{lo:g}, {hi:g}]")
    frame = pd.concat([val, pd.Series(pred, index=val.index, name="prediction")], axis=1)
    for expr in spec.gates.checks:
        try:
            if "==" in expr:
                left, right = expr.split("==", 1)
                ok = np.isclose(frame.eval(left), frame.eval(right), atol=spec.gates.tolerance)
            else:
                ok = np.asarray(frame.eval(expr), dtype=bool)
        except Exception as exc:  # noqa: BLE001 - a check the data cannot evaluate is a failed check
            out.append(f"check {expr!r} could not be evaluated: {type(exc).__name__}: {exc}")
            continue
        if not np.all(ok):
            out.append(f"check {expr!r} fails on {int(np.sum(~ok))} of {len(ok)} validation rows")
    return out


def run_gates(root: str | Path) -> dict[str, Any]:
    root = Path(root)
    if not root.is_dir():
        raise InputError("not a folder", path=root, hint="pass the workspace folder (the one holding dev_diary.md)")
    if not (root / "results").is_dir() and not (root / "dev_diary.md").exists():
        raise InputError("not a model-trainer workspace (no results/ and no dev_diary.md)", path=root)
    entries = read_entries(root / "dev_diary.json")
    problems = lint(root)
    gates = {"completeness": completeness(root, entries), "o_award": o_award(entries),
             "integration": integration(root), "traceability": traceability(root), "domain_sanity": domain(root),
             "anti_patterns": [f"{p.pattern}: {p.message}" for p in problems]}
    report = {"workspace": str(root), "checked": time.strftime("%Y-%m-%d %H:%M:%S"),
              "passed": all(not v for v in gates.values()),
              "gates": {k: {"passed": not v, "failures": v} for k, v in gates.items()}}
    atomic_write_text(root / "quality_gates.json", json.dumps(report, indent=2) + "\n")
    lines = ["# Quality Gates", "", f"Workspace: `{root}`  ", f"Checked: {report['checked']}", ""]
    for name, g in report["gates"].items():
        lines.append(f"## {'✅' if g['passed'] else '❌'} {name.replace('_', ' ').title()}")
        lines += [f"- {f}" for f in g["failures"]] or ["- passed"]
        lines.append("")
    atomic_write_text(root / "quality_gates.md", "\n".join(lines))
    return report
