"""What every lint rule shares: the finding, what a rule is given, and the words it listens for.

A rule is one of the seed's anti-patterns. It judges the diary's prose (any ``dev_diary.md``, hand-written
included) and, where the tool's records exist, the records (runs, ``dev_diary.json``, the model manifest).

Example:
    >>> Problem("magic_number", "no reason given", "dev_diary.md", 3, "lr=0.00237").render()
    'dev_diary.md:3: magic_number: no reason given: "lr=0.00237"'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from model_trainer.records.diary_parse import ParsedDiary


@dataclass
class Problem:
    pattern: str
    message: str
    file: str | None = None    # relative to the workspace
    line: int | None = None
    text: str | None = None    # the line, quoted

    def render(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else (f"{self.file}: " if self.file else "")
        quote = f': "{self.text.strip()}"' if self.text else ""
        return f"{where}{self.pattern}: {self.message}{quote}"


@dataclass
class Context:
    """What a rule may read. ``entries`` and ``runs`` are empty for a diary written by hand."""
    root: Path
    diary: ParsedDiary | None
    diary_name: str = "dev_diary.md"
    entries: list[dict[str, Any]] = field(default_factory=list)
    runs: list[Any] = field(default_factory=list)   # RunRecord
    spec: Any = None
    search_log: str = ""

    @property
    def units(self) -> str | None:
        return self.spec.domain.target_units if self.spec is not None else None


class Rule(Protocol):
    pattern: str

    def prose(self, ctx: Context) -> list[Problem]: ...

    def records(self, ctx: Context) -> list[Problem]: ...


def words(*ws: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(ws) + r")(?![\w])", re.I)


# A success claimed. "converged" alone is how a finished fit is described; with "succeeded", "worked",
# "fixed" and "resolved" it is what the seed's silent-success and hiding-failures examples say.
SUCCESS = words(r"succeed(?:ed|s)?", r"success(?:ful(?:ly)?)?", r"work(?:ed|s)", r"it works now", r"fixed",
                r"resolved", r"converged", r"achieved convergence", r"convergence achieved", r"solved")
# Evidence of an investigation: a hypothesis, a test, a measured cause, a tried alternative.
INVESTIGATION = words(r"hypothes[ie]s", r"test(?:ed|s)?", r"root cause", r"because", r"due to", r"checked",
                      r"measured", r"compared", r"tried", r"insight", r"investigation", r"validation",
                      r"suggesting", r"caus(?:e|ed|es)")
# A failure shown.
FAILURE = re.compile(r"❌|⚠|" + words(r"fail(?:ed|s|ure)?", r"diverg(?:ed|es|ence)", r"did not", r"didn't",
                                      r"still", r"nan", r"unresolved", r"escalated", r"worse", r"refuted",
                                      r"no improvement", r"unstable", r"crash(?:ed)?", r"singular",
                                      r"overfit(?:ting)?", r"error", r"partial").pattern, re.I)


def in_code(lines: list[tuple[int, str]]) -> set[int]:
    """Line numbers inside fenced code blocks: code is quoted, not claimed."""
    out, fence = set(), False
    for n, text in lines:
        if text.strip().startswith("```"):
            fence = not fence
            out.add(n)
        elif fence:
            out.add(n)
    return out


def prose_lines(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The block's lines of prose: not code, not blank, not an image (whose alt text and file name are labels)."""
    code = in_code(block)
    return [(n, t) for n, t in block if n not in code and t.strip() and not t.lstrip().startswith("![")]
