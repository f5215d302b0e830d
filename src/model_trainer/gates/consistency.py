"""The consistency gate: what ``dev_diary.md`` says of each entry agrees with ``dev_diary.json`` and the runs.

Per entry it compares the status, the symptom, the root cause, whether a fix was applied, each test's ✅/❌
and run, and the result numbers with the JSON record; it fails a root cause that a test refuted, a run id
that no run folder holds, and a number stated for a run (``rmse 0.2980 after 60 epochs (run X)``) that the
run's ``history.csv`` does not contain. On a diary written by hand (no JSON) it says so and judges the prose
alone: a resolved entry needs an applied fix and a test that passed, and the runs it cites must exist.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from model_trainer.gates.base import GateResult
from model_trainer.gates.traceability import _matches, numbers_in
from model_trainer.records.diary_parse import ParsedDiary, ParsedEntry
from model_trainer.records.load import read_json_object
from model_trainer.workspace import Workspace

_METRIC_VALUE = r"\b{name}\s*[:=]?\s*([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
_EPOCHS = re.compile(r"\b(?:after|in)\s+(\d+)\s+(?:epochs|iterations)\b")


def _cause(text: str | None) -> str | None:
    """The cause a header names: ``unknown`` for "not established" (however it goes on), else its first word."""
    if not text:
        return None
    t = text.strip().strip("`").strip()
    if not t or t.lower().startswith(("not established", "unknown")):
        return "unknown"
    m = re.match(r"[A-Za-z_]+", t)
    return m.group(0) if m else t


def _history(path: Path, cache: dict[Path, dict[str, list[float]] | None]) -> dict[str, list[float]] | None:
    if path not in cache:
        if not path.exists():
            cache[path] = None
        else:
            cols: dict[str, list[float]] = {}
            n = 0
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    n += 1
                    for k, v in row.items():
                        try:
                            cols.setdefault(k, []).append(float(v))
                        except (TypeError, ValueError):
                            continue
            cols["__rows__"] = [float(n)]
            # the tool's own scores of the returned model (its predictions on the validation file, and on the
            # training file's rows) are recorded beside the history, in the run's outcome: values the diary may state
            # for the run
            diag = read_json_object(path.parent / "outcome.json").get("diagnostics")
            diag = diag if isinstance(diag, dict) else {}
            for key in ("metric_own", "metric_own_train", "metric_units"):
                if isinstance(diag.get(key), (int, float)):
                    cols.setdefault("metric", []).append(float(diag[key]))
            cache[path] = {k: sorted(v) for k, v in cols.items()}
    return cache[path]


class _Check:
    def __init__(self, ws: Workspace, metric: str | None) -> None:
        self.ws = ws
        self.metric = metric
        self.runs = {d.name for d in Path(ws.runs).iterdir() if d.is_dir()} if Path(ws.runs).is_dir() else set()
        self.cache: dict[Path, dict[str, list[float]] | None] = {}
        self.failures: list[str] = []
        self.checked = 0

    def fail(self, entry: ParsedEntry, line: int, what: str) -> None:
        self.failures.append(f"entry #{entry.id} (dev_diary.md line {line}): {what}")

    def run_exists(self, entry: ParsedEntry, line: int, run_id: str | None) -> None:
        if run_id and self.runs and run_id not in self.runs:
            self.fail(entry, line, f"run {run_id} is cited but results/runs/ holds no such run")

    def numbers_for_run(self, entry: ParsedEntry, line: int, text: str, run_id: str) -> None:
        """A metric value or an epoch count stated for a run must be in that run's history."""
        hist = _history(Path(self.ws.runs) / run_id / "history.csv", self.cache)
        if hist is None:
            return
        names = {n for n in (self.metric, "metric") if n}
        for name in names:
            for m in re.finditer(_METRIC_VALUE.format(name=re.escape(name)), text.split("(was ")[0], re.I):
                tok = m.group(1)
                self.checked += 1
                if not _matches(tok, float(tok), hist.get("metric", [])):
                    self.fail(entry, line, f"{name} {tok} is stated for run {run_id}, whose history.csv has no "
                              "such value")
        for m in _EPOCHS.finditer(text):
            self.checked += 1
            if int(m.group(1)) != int(hist["__rows__"][0]):
                self.fail(entry, line, f"{m.group(1)} epochs are stated for run {run_id}, whose history.csv has "
                          f"{int(hist['__rows__'][0])} rows")


def _prose(c: _Check, e: ParsedEntry) -> None:
    if e.status == "resolved" and e.fix_applied is False:
        c.fail(e, e.status_line, "marked resolved but its Fix section says no fix was applied")
    if e.status == "resolved" and e.tests and all(t.passed is False for t in e.tests):
        c.fail(e, e.status_line, "marked resolved but every test it reports failed")
    if e.status in ("unresolved", "escalated") and e.fix_applied:
        c.fail(e, e.fix_line, f"marked {e.status} but its Fix section describes a fix as applied")
    why = e.bold_block("Root Cause")
    if why:
        named, n_why = _cause(e.root_cause), why[0][0]
        said_unknown = why[0][1].strip().lower().startswith("not established")
        if named and named not in ("unknown", "budget_exhausted") and said_unknown:
            c.fail(e, n_why, f"the header names root cause `{named}` but the Why says it was not established")
        if named == "unknown" and not said_unknown:
            c.fail(e, n_why, "the header says the root cause was not established but the Why states one")
    for t in e.tests:
        c.run_exists(e, t.line, t.run_id)
        if t.run_id and t.result:
            c.numbers_for_run(e, t.result_line, t.result, t.run_id)
    for n, text in e.bold_block("Result"):
        ids = re.findall(r"\d{8}-\d{6}-\d+-[\w.-]+", text)
        for r in ids:
            c.run_exists(e, n, r)
        if len(ids) == 1:
            c.numbers_for_run(e, n, text, ids[0])


def _against_json(c: _Check, e: ParsedEntry, j: dict[str, Any]) -> None:
    status = j.get("status")
    if e.status and status and e.status != status:
        c.fail(e, e.status_line, f"the diary says {e.status}, dev_diary.json says {status}")
    if e.symptom and j.get("symptom") and e.symptom != j["symptom"]:
        c.fail(e, e.line, f"symptom `{e.symptom}` in the diary, `{j['symptom']}` in dev_diary.json")
    md_cause, js_cause = _cause(e.root_cause), _cause(j.get("root_cause"))
    if md_cause and js_cause and md_cause != js_cause:
        c.fail(e, e.line, f"root cause `{md_cause}` in the diary, `{js_cause}` in dev_diary.json")
    for h in j.get("hypotheses") or []:
        if isinstance(h, dict) and h.get("status") == "refuted" and h.get("cause") in (md_cause, js_cause) \
                and h.get("cause") != "unknown":
            c.fail(e, e.line, f"root cause `{h['cause']}` is a hypothesis its own tests refuted "
                   f"(tests {', '.join(str(x) for x in h.get('evidence') or []) or 'unnamed'})")
    applied = j.get("fix") is not None
    if e.fix_applied is not None and e.fix_applied != applied:
        c.fail(e, e.fix_line, ("the diary describes a fix as applied" if e.fix_applied else
                               "the diary says no fix was applied") + " but dev_diary.json "
               + ("records one" if applied else "records none"))
    if status == "resolved" and not applied:
        c.fail(e, e.status_line, "dev_diary.json marks it resolved with no fix")
    tests = {t.get("n"): t for t in j.get("tests") or [] if isinstance(t, dict)}
    for t in e.tests:
        jt = tests.get(t.n)
        if jt is None:
            c.fail(e, t.line, f"test {t.n} is not in dev_diary.json")
            continue
        if t.passed is not None and jt.get("passed") is not None and t.passed != jt["passed"]:
            c.fail(e, t.result_line or t.line, f"test {t.n} is marked {'✅' if t.passed else '❌'} but dev_diary.json "
                   f"records it as {'passed' if jt['passed'] else 'failed'}")
        if t.run_id and jt.get("run_id") and t.run_id != jt["run_id"]:
            c.fail(e, t.line, f"test {t.n} cites run {t.run_id}, dev_diary.json run {jt['run_id']}")
        if t.result and jt.get("result"):
            recorded = {v for _, v in numbers_in(str(jt["result"]))}
            for tok, v in numbers_in(t.result):
                c.checked += 1
                if v not in recorded and not _matches(tok, v, sorted(recorded)):
                    c.fail(e, t.result_line, f"test {t.n} states {tok}, which dev_diary.json's result for it does "
                           "not contain")
    recorded_result = {v for r in j.get("result") or [] for _, v in numbers_in(str(r))}
    # the references line of the Result is rendered from the entry's `references`
    recorded_result |= {float(v) for v in (j.get("references") or {}).values() if isinstance(v, (int, float))}
    for n, text in e.bold_block("Result"):
        if not text.lstrip().startswith("-"):
            continue
        for tok, v in numbers_in(text):
            c.checked += 1
            if v not in recorded_result and not _matches(tok, v, sorted(recorded_result)):
                c.fail(e, n, f"the Result states {tok}, which dev_diary.json's result does not contain")
    for r in j.get("run_ids") or []:
        c.run_exists(e, e.line, r)


def consistency(ws: Workspace, entries: list[dict[str, Any]], diary: ParsedDiary | None,
                metric: str | None = None) -> GateResult:
    if diary is None:
        if entries:
            return GateResult([f"dev_diary.json has {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} but "
                               "dev_diary.md is missing"])
        return GateResult([], "", skipped="no dev_diary.md to check")
    c = _Check(ws, metric)
    by_id = {int(j["id"]): j for j in entries if isinstance(j, dict) and str(j.get("id", "")).isdigit()}
    for e in diary.entries:
        if e.status is None:
            c.fail(e, e.line, "no **Status** line")
        _prose(c, e)
        if by_id:
            j = by_id.get(e.id)
            if j is None:
                c.fail(e, e.line, "not in dev_diary.json")
            else:
                _against_json(c, e, j)
    md_ids = {e.id for e in diary.entries}
    for i in sorted(set(by_id) - md_ids):
        c.failures.append(f"entry #{i} is in dev_diary.json but not in dev_diary.md")
    n = len(diary.entries)
    if not by_id:
        basis = ("no dev_diary.json: the prose alone was judged (status against fix and tests, cited runs, numbers "
                 "stated for a run against its history)")
    else:
        basis = "against dev_diary.json and the run files"
    reason = (f"{n} entr{'y' if n == 1 else 'ies'} checked {basis}; status, symptom, root cause, fix, "
              f"{sum(len(e.tests) for e in diary.entries)} test(s) and {c.checked} number(s) agree")
    if not diary.entries:
        return GateResult(c.failures, "", skipped="dev_diary.md has no `## Dev Diary Entry #N` entry")
    return GateResult(c.failures, reason)

