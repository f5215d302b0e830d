"""``dev_diary.md`` (the seed's template) and ``dev_diary.json`` (CONTRACT §5), from one ``DiaryEntry``.

The markdown is append-only: earlier entries are never rewritten and numbering continues. The
JSON list is rewritten atomically with the new entry added.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.events import DiaryEntry
from model_trainer.records.atomic import atomic_write_text

_STATUS = {"resolved": "✅ RESOLVED", "unresolved": "❌ UNRESOLVED", "escalated": "⚠️ ESCALATED (Flag for @advisor)"}
_ENTRY_RE = re.compile(r"^## Dev Diary Entry #(\d+)", re.M)


def _fence(text: str, lang: str = "") -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def read_entries(json_path: Path) -> list[dict[str, Any]]:
    if not json_path.exists():
        return []
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not a UTF-8 text file ({exc.reason} at byte {exc.start})", path=json_path,
                         hint="restore it, or move it aside; the tool appends to it and will not overwrite it"
                         ) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON (line {exc.lineno}): {exc.msg}", path=json_path,
                         hint="restore it, or move it aside; the tool appends to it and will not overwrite it"
                         ) from exc
    if not isinstance(data, list):
        raise InputError("expected a JSON list of diary entries", path=json_path,
                         hint="restore it, or move it aside")
    for i, e in enumerate(data):
        if not isinstance(e, dict):
            raise InputError(f"entry {i + 1} of the list is a {type(e).__name__}, not an entry object",
                             path=json_path, where=f"entry {i + 1}", hint="restore it, or move the file aside")
        try:
            int(e.get("id", 0))
        except (TypeError, ValueError):
            raise InputError(f"entry {i + 1} has id {e.get('id')!r}, not a number", path=json_path,
                             where=f"entry {i + 1}", hint="restore it, or move the file aside") from None
    return data


def next_entry_id(md_path: Path, json_path: Path) -> int:
    ids = [int(e.get("id", 0)) for e in read_entries(json_path)]
    if md_path.exists():
        ids += [int(m) for m in _ENTRY_RE.findall(md_path.read_text(encoding="utf-8", errors="replace"))]
    return max(ids, default=0) + 1


def render_markdown(e: DiaryEntry, plot_rel: list[str] | None = None) -> str:
    out = [f"## Dev Diary Entry #{e.id}", "", f"**Date**: {e.date}", f"**Phase**: {e.phase}",
           f"**Agent**: {e.agent}",
           f"**Category**: {e.category} | **Symptom**: `{e.symptom}` | **Root cause**: "
           + ("not established" if e.root_cause == "unknown" else f"`{e.root_cause}`")]
    if e.run_ids:
        out.append("**Runs**: " + ", ".join(f"`{r}`" for r in e.run_ids))
    out += ["", "### The Struggle", "", "**What Happened**:", e.what_happened, "", "**Error Message**:",
            _fence(e.error_message or "(no error was raised; the red flag came from the recorded history)"),
            "", "**Initial Hypothesis**:", e.initial_hypothesis, "", "### The Investigation", ""]
    if not e.tests:
        out += ["No test was run.", ""]
    for t in e.tests:
        mark = "" if t.passed is None else (" ✅" if t.passed else " ❌")
        out.append(f"**Test {t.n}** ({t.kind}): {t.action}")
        out.append(f"- Hypothesis: {t.hypothesis}")
        out.append(f"- Result: {t.result}{mark}")
        if t.run_id:
            out.append(f"- Run: `{t.run_id}`")
        out.append("")
    out += ["### The Fix", ""]
    if e.fix is None:
        out += ["No fix was applied: " + ("the cause is in the code, which the tool does not rewrite."
                                          if e.root_cause == "code_error" else
                                          "no test run confirmed a repair."), ""]
    else:
        out += ["**What I Did**:", _fence(f"{e.fix.code_before}\n\n{e.fix.code_after}", "python"), ""]
    result = list(e.result)
    refs = {k: v for k, v in e.references.items() if v is not None}
    if refs and not any(r.startswith("References") for r in result):
        result.append("References on validation: " + ", ".join(f"{k} {v:.4g}" for k, v in refs.items()))
    if result:
        out += ["**Result**:", *[f"- {r}" for r in result], ""]
    if e.hypotheses:
        out += ["**Hypotheses**:"]
        for h in e.hypotheses:
            tests = f" (tests {', '.join(str(n) for n in h.evidence)})" if h.evidence else ""
            out.append(f"- `{h.cause}`: {h.status}{tests}")
        out.append("")
    for rel in plot_rel if plot_rel is not None else e.plots:
        out += [f"![loss curves, entry {e.id}]({rel})", ""]
    out += ["### The Why (Physical Interpretation)", "", "**Root Cause**:", e.why.root_cause, ""]
    # written only from evidence: an entry without it is shorter, not padded
    if e.why.domain_insight:
        out += ["**Domain Insight**:", e.why.domain_insight, ""]
    if e.why.implication:
        out += ["**Implication for Paper**:", e.why.implication, ""]
    out += ["### Actionable Next Steps", ""]
    out += [f"{i}. {s}" for i, s in enumerate(e.next_steps, 1)] or ["None: nothing this entry found is left open."]
    out += ["", f"**Status**: {_STATUS[e.status]}", "", "---", ""]
    return "\n".join(out)


def append_entry(md_path: Path, json_path: Path, entry: DiaryEntry) -> None:
    """Append to the markdown (never rewriting it) and add the entry to the JSON list."""
    entries = read_entries(json_path)
    text = render_markdown(entry)
    md_path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not md_path.exists() or md_path.stat().st_size == 0
    with open(md_path, "a", encoding="utf-8") as f:
        if new_file:
            f.write("# Dev Diary\n\n")
        elif not md_path.read_text(encoding="utf-8", errors="replace").endswith("\n\n"):
            f.write("\n")
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    entries.append(entry.to_json())
    atomic_write_text(json_path, json.dumps(entries, indent=2, ensure_ascii=False, default=str) + "\n")
