"""Read ``dev_diary.md`` back into its claims, whoever wrote it: the tool's template or a person's prose.

The tool's entries follow the seed's template (``records/diary.py`` renders them); a hand-written diary may
follow it loosely or not at all. Whatever is recognised is returned with its line number, so that a gate or
a lint rule can quote the line it judges; what is not recognised is ``None``, never guessed.

Example:
    >>> d = parse_text("## Dev Diary Entry #2\\n**Status**: ✅ RESOLVED\\n**Test 1** (intervention): lr\\n"
    ...                "- Result: diverged ❌\\n")
    >>> e = d.entries[0]
    >>> (e.id, e.status, e.tests[0].passed, e.tests[0].line)
    (2, 'resolved', False, 3)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ENTRY = re.compile(r"^##\s+Dev Diary Entry\s+#(\d+)", re.I)
_SECTION = re.compile(r"^###\s+(.*\S)")
_STATUS = re.compile(r"\*\*Status\*\*:\s*(.*)", re.I)
_TEST = re.compile(r"^\*\*Test\s+(\d+)\*\*")
_FIELD = re.compile(r"\*\*(Category|Symptom|Root cause|Date|Phase|Agent)\*\*:\s*`?([^`|]*?)`?\s*(?:\||$)", re.I)
_RUN_ID = re.compile(r"\b\d{8}-\d{6}-\d+-[\w.-]+")
_NOT_APPLIED = re.compile(r"\bno (?:fix|repair|change) (?:was |is )?(?:applied|kept|made)\b|\bnot applied\b|"
                          r"\bnothing was (?:applied|changed)\b", re.I)


@dataclass
class ParsedTest:
    n: int
    line: int
    text: str
    result: str = ""
    result_line: int = 0
    passed: bool | None = None      # ✅ True, ❌ False, no mark None
    run_id: str | None = None


@dataclass
class ParsedEntry:
    id: int
    line: int                        # the header's line number (1-based)
    lines: list[tuple[int, str]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    status: str | None = None        # resolved / unresolved / escalated, as the Status line says
    status_line: int = 0
    sections: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    tests: list[ParsedTest] = field(default_factory=list)
    fix_applied: bool | None = None  # None: the entry has no Fix section
    fix_line: int = 0
    run_ids: list[str] = field(default_factory=list)

    @property
    def symptom(self) -> str | None:
        return self.fields.get("symptom") or None

    @property
    def root_cause(self) -> str | None:
        return self.fields.get("root cause") or None

    def section(self, name: str) -> list[tuple[int, str]]:
        """The lines of the first section whose heading contains ``name`` (case-insensitive)."""
        for title, body in self.sections.items():
            if name.lower() in title.lower():
                return body
        return []

    def bold_block(self, label: str) -> list[tuple[int, str]]:
        """The lines after ``**label**:`` up to the next bold label or heading."""
        out: list[tuple[int, str]] = []
        inside = False
        for n, text in self.lines:
            if re.match(rf"^\*\*{re.escape(label)}\*\*:?", text.strip(), re.I):
                inside = True
                rest = re.sub(rf"^\*\*{re.escape(label)}\*\*:?\s*", "", text.strip(), flags=re.I)
                if rest:
                    out.append((n, rest))
                continue
            if inside and (text.startswith("#") or re.match(r"^\*\*[^*]+\*\*:", text.strip())):
                break
            if inside and text.strip():
                out.append((n, text))
        return out


@dataclass
class ParsedDiary:
    path: Path | None
    lines: list[str]
    entries: list[ParsedEntry]

    def blocks(self) -> list[list[tuple[int, str]]]:
        """What a reader judges as one story: each entry, or the whole file when it has no entry headers."""
        if self.entries:
            return [e.lines for e in self.entries]
        return [list(enumerate(self.lines, 1))]


def status_word(text: str) -> str | None:
    t = text.lower()
    for word in ("unresolved", "escalated", "resolved"):
        if word in t:
            return word
    if "❌" in text:
        return "unresolved"
    if "⚠" in text:
        return "escalated"
    if "✅" in text:
        return "resolved"
    return None


def _mark(text: str) -> bool | None:
    if "❌" in text:
        return False
    if "✅" in text:
        return True
    return None


def _parse_entry(entry: ParsedEntry) -> None:
    section = ""
    in_fence = False
    test: ParsedTest | None = None
    for n, text in entry.lines:
        stripped = text.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence:
            m = _SECTION.match(stripped)
            if m:
                section = m.group(1)
                entry.sections.setdefault(section, [])
                test = None
                continue
        if section:
            entry.sections[section].append((n, text))
        entry.run_ids += [r for r in _RUN_ID.findall(text) if r not in entry.run_ids]
        if in_fence:
            continue
        for key, value in _FIELD.findall(text):
            entry.fields.setdefault(key.lower(), value.strip())
        m = _STATUS.search(stripped)
        if m and entry.status is None:
            entry.status, entry.status_line = status_word(m.group(1)), n
        m = _TEST.match(stripped)
        if m:
            test = ParsedTest(int(m.group(1)), n, stripped)
            entry.tests.append(test)
            continue
        if test is not None and re.match(r"^-\s*(Result|Found)\b", stripped, re.I):
            test.result, test.result_line, test.passed = stripped, n, _mark(stripped)
        elif test is not None and re.match(r"^-\s*Run:", stripped):
            ids = _RUN_ID.findall(stripped)
            test.run_id = ids[0] if ids else None
    fix = entry.section("fix")
    if any("fix" in s.lower() for s in entry.sections):
        body = [(n, t) for n, t in fix if t.strip()]
        not_applied = [(n, t) for n, t in body if _NOT_APPLIED.search(t)]
        entry.fix_applied = bool(body) and not not_applied
        entry.fix_line = (not_applied or body or [(0, "")])[0][0]


def parse_text(text: str, path: Path | None = None) -> ParsedDiary:
    lines = text.splitlines()
    entries: list[ParsedEntry] = []
    current: ParsedEntry | None = None
    in_fence = False
    for n, line in enumerate(lines, 1):
        if line.strip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else _ENTRY.match(line)
        if m:
            current = ParsedEntry(int(m.group(1)), n)
            entries.append(current)
            continue
        if current is not None:
            current.lines.append((n, line))
    for e in entries:
        _parse_entry(e)
    return ParsedDiary(path, lines, entries)


def parse_diary(path: Path) -> ParsedDiary:
    """Parse a ``dev_diary.md``; an undecodable file is an ``InputError`` naming it."""
    from model_trainer.errors import InputError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=path,
                         hint="save the diary as UTF-8 markdown") from exc
    return parse_text(text, Path(path))
