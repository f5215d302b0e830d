"""``model-trainer gates DIR``: the seed's quality gates on a workspace, written to ``quality_gates.md``
and ``quality_gates.json``, each with why it passed or failed.

Gates: completeness (model, accepted history, outcomes, entries), o_award (struggle, hypothesis, physical
interpretation, read from the markdown), consistency (the diary's words against its record), integration
(log and hand-off), traceability (every number found in a recorded file), domain_sanity (the spec's
declared checks on the final model), anti_patterns (``lint``). They also run on a diary written by hand:
a gate that needs records it lacks says so (SKIP) and the prose is judged.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.gates.base import GateResult, rows
from model_trainer.gates.completeness import completeness
from model_trainer.gates.consistency import consistency
from model_trainer.gates.lint import _spec, entries_of, lint
from model_trainer.gates.traceability import corpus_numbers, numbers_in, untraced
from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.diary_parse import ParsedDiary, parse_diary
from model_trainer.workspace import Workspace


def _text(lines: list[tuple[int, str]]) -> str:
    return " ".join(t.strip() for _, t in lines if t.strip() and not t.strip().startswith("```"))


def o_award(entries: list[dict[str, Any]], diary: ParsedDiary | None) -> GateResult:
    """Struggle described, root-cause hypothesis recorded, physical interpretation attempted, per entry of the
    markdown (what the paper's authors read); the JSON is used only where there is no markdown entry."""
    out: list[str] = []
    if diary is not None and diary.entries:
        for e in diary.entries:
            where = f"entry #{e.id} (dev_diary.md line {e.line})"
            if not _text(e.section("struggle")) and not _text(e.bold_block("What Happened")):
                out.append(f"{where}: the struggle is not described")
            hyp = _text(e.bold_block("Initial Hypothesis")) or _text(e.bold_block("Root Cause")) or \
                any(re.search(r"hypothes", t, re.I) for _, t in e.lines)
            if not hyp:
                out.append(f"{where}: no root-cause hypothesis recorded")
            why = _text(e.section("why")) or _text(e.section("physical")) or _text(e.bold_block("Domain Insight"))
            if not why:
                out.append(f"{where}: no physical interpretation attempted")
        n = len(diary.entries)
        return GateResult(out, f"{n} entr{'y' if n == 1 else 'ies'} in dev_diary.md, each with its struggle, a "
                          "root-cause hypothesis and a physical interpretation")
    for e in entries:
        if not e.get("what_happened"):
            out.append(f"entry #{e.get('id')}: the struggle is not described")
        why = e.get("why") or {}
        if not why.get("root_cause") or not e.get("initial_hypothesis"):
            out.append(f"entry #{e.get('id')}: no root-cause hypothesis recorded")
        if not why.get("domain_insight"):
            out.append(f"entry #{e.get('id')}: no physical interpretation attempted")
    if entries:
        return GateResult(out, f"{len(entries)} entries in dev_diary.json (no dev_diary.md), each complete")
    if diary is not None and any(t.strip() and not t.startswith("#") for t in diary.lines):
        # free prose without entry headers: the whole file is judged as one story
        from model_trainer.gates.lint.base import INVESTIGATION, prose_lines
        from model_trainer.gates.lint.no_physical_connection import interpreted

        block = prose_lines(list(enumerate(diary.lines, 1)))
        if not any(INVESTIGATION.search(t) for _, t in block):
            out.append("dev_diary.md (no `## Dev Diary Entry #N` headers, judged as a whole): no root-cause "
                       "hypothesis, test or cause is stated")
        if not interpreted(block):
            out.append("dev_diary.md (judged as a whole): no physical interpretation (no 'Physical "
                       "Interpretation' or 'Domain Insight' section with text)")
        return GateResult(out, "dev_diary.md (no entry headers, judged as a whole) states a hypothesis and a "
                          "physical interpretation")
    return GateResult([], "", skipped="no diary entry: nothing was struggled with that needs documenting")


def integration(ws: Workspace) -> GateResult:
    log, root = Path(ws.log_path), Path(ws.root)
    if not log.exists():
        return GateResult(["training_full.log is missing"])
    counts: dict[str, int] = {}
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r" epoch: (\d+) .*run: (\S+)$", line.rstrip("\n"))
            if m:
                counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    out = []
    run_dirs = sorted(d for d in Path(ws.runs).glob("*") if d.is_dir())
    for d in run_dirs:
        n = rows(d / "history.csv") if (d / "history.csv").exists() else 0
        if counts.get(d.name, 0) != n:
            out.append(f"run {d.name}: {n} epochs in its history but {counts.get(d.name, 0)} epoch lines in the log")
    if not (root / "handoff.json").exists():
        out.append("handoff.json is missing (written by train and search)")
    return GateResult(out, f"training_full.log has {sum(counts.values())} epoch lines, matching the histories of "
                      f"{len(run_dirs)} run(s); handoff.json present")


def traceability(ws: Workspace) -> GateResult:
    root = Path(ws.root)
    if not Path(ws.runs).is_dir():
        return GateResult([], "", skipped="no recorded runs (results/runs/): the diary's numbers cannot be traced "
                          "to any file")
    corpus = corpus_numbers(root)
    out, checked = [], 0
    for rel in ("dev_diary.md", "results/hyperparameter_search.md"):
        path = root / rel
        if path.exists():
            checked += len(numbers_in(path.read_text(encoding="utf-8")))
        for lineno, tok in untraced(path, corpus):
            out.append(f"{rel} line {lineno}: {tok} is found in no recorded run's files")
    return GateResult(out, f"{checked} numbers in the diary and search log, each found in a recorded file")


def domain(ws: Workspace) -> GateResult:
    spec = _spec(Path(ws.root))
    if spec is None or (spec.gates.bounds is None and not spec.gates.checks):
        return GateResult([], "", skipped="the spec declares no [gates] bounds or checks")
    model = Path(ws.model_path)
    if not model.exists():
        return GateResult(["domain checks are declared but there is no final model to check"])
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
    n = len(spec.gates.checks) + (spec.gates.bounds is not None)
    return GateResult(out, f"{n} declared check(s) hold on all {len(pred)} validation predictions")


def run_gates(root: str | Path) -> dict[str, Any]:
    root = Path(root)
    if not root.is_dir():
        raise InputError("not a folder", path=root, hint="pass the workspace folder (the one holding dev_diary.md)")
    ws = Workspace(root)
    if not Path(ws.results).is_dir() and not Path(ws.diary_md).exists():
        raise InputError("not a model-trainer workspace (no results/ and no dev_diary.md)", path=root)
    entries = entries_of(Path(ws.diary_json))
    diary = parse_diary(Path(ws.diary_md)) if Path(ws.diary_md).exists() else None
    spec = _spec(root)
    problems = lint(root, strict=False)
    results: dict[str, GateResult] = {
        "completeness": completeness(ws, entries, diary),
        "o_award": o_award(entries, diary),
        "consistency": consistency(ws, entries, diary, spec.model.metric if spec is not None else None),
        "integration": integration(ws),
        "traceability": traceability(ws),
        "domain_sanity": domain(ws),
        "anti_patterns": GateResult([p.render() for p in problems],
                                    "none of the four anti-patterns in the diary's prose or the records"),
    }
    report = {"workspace": root.name, "checked": time.strftime("%Y-%m-%d %H:%M:%S"),
              "passed": all(g.passed for g in results.values()),
              "gates": {k: g.to_json() for k, g in results.items()},
              "lines": [g.line(k) for k, g in results.items()]}
    atomic_write_text(root / "quality_gates.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    lines = ["# Quality Gates", "", f"Workspace: `{root.name}`  ", f"Checked: {report['checked']}", ""]
    for name, g in results.items():
        mark = {"PASS": "✅", "FAIL": "❌", "SKIP": "➖"}[g.state]
        lines.append(f"## {mark} {name.replace('_', ' ').title()}")
        lines += [f"- {f}" for f in g.failures] or [f"- {g.state.lower()}: {g.skipped or g.reason}"]
        lines.append("")
    atomic_write_text(root / "quality_gates.md", "\n".join(lines))
    return report


__all__ = ["GateResult", "run_gates"]
