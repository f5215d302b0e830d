"""What a gate returns: its failures, and in words why it passed or why it could not judge.

Example:
    >>> GateResult(["history missing"], "").line("completeness")
    'FAIL completeness: history missing'
    >>> GateResult([], "model, history (3 rows)").line("completeness")
    'PASS completeness: model, history (3 rows)'
    >>> GateResult([], "", skipped="no recorded runs").line("traceability")
    'SKIP traceability: no recorded runs'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class GateResult:
    failures: list[str] = field(default_factory=list)
    reason: str = ""             # why it passed (what was checked and found)
    skipped: str | None = None   # why it could not judge (nothing to check): neither a pass nor a failure

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def state(self) -> str:
        return "FAIL" if self.failures else ("SKIP" if self.skipped else "PASS")

    def line(self, name: str) -> str:
        if self.failures:
            why = self.failures[0] if len(self.failures) == 1 else f"{len(self.failures)} problems"
        else:
            why = self.skipped or self.reason
        return f"{self.state} {name}: {why}"

    def to_json(self) -> dict[str, Any]:
        return {"passed": self.passed, "state": self.state, "reason": self.skipped or self.reason,
                "failures": self.failures}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def rows(path: Path) -> int:
    """Data rows of a CSV (lines after the header), counted without parsing."""
    with open(path, "rb") as f:
        n = sum(1 for line in f if line.strip())
    return max(n - 1, 0)
