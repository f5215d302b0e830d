"""The verdict of one ``train`` or ``search`` command (CONTRACT §1, §7): what a person or an agent reads last.

It is built from what was recorded (the diary entry, the accepted run, the data report's references) and
rendered as one line, e.g.::

    verdict: resolved · nan_loss · cause learning_rate_too_high (confirmed) · val rmse 5.66 cases/day
    (linear 6.10, constant 12.46) · dev_diary.md #1

It is also written as ``results/verdict.json`` so that tools need not parse the line.

>>> Verdict(status="accepted", exit_code=0, metric_name="rmse", metric=0.5, units="cases/day",
...         references={"constant": 2.0, "linear": 0.6, "boosting": None}).line()
'verdict: accepted · no red flag · val rmse 0.5 cases/day (constant 2, linear 0.6)'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

VerdictStatus = Literal["accepted", "resolved", "unresolved", "escalated", "failed", "interrupted"]


def _g(v: float) -> str:
    return f"{v:.4g}"


@dataclass
class Verdict:
    status: VerdictStatus
    exit_code: int
    symptom: str | None = None          # the red flag, None when there was none
    cause: str | None = None            # a root cause from CONTRACT §5, ``unknown`` when not established
    cause_status: str | None = None     # confirmed / open
    metric_name: str | None = None
    metric: float | None = None         # on validation, in the target's own units
    units: str = ""
    references: dict[str, float | None] = field(default_factory=dict)
    entry_id: int | None = None         # the dev_diary.md entry that documents it
    run_id: str | None = None           # the accepted (or last) run
    error: str | None = None            # on a crash: the exception's last line
    traceback_at: str | None = None     # where the full traceback is (a path relative to the workspace)
    workspace: str | None = None        # as the user named it
    note: str = ""                      # one short clause that the fields above cannot say

    def line(self) -> str:
        parts = [f"verdict: {self.status}"]
        if self.symptom:
            parts.append(self.symptom)
        elif self.status == "accepted":
            parts.append("no red flag")
        if self.cause:
            cause = "not established" if self.cause == "unknown" else self.cause
            parts.append(f"cause {cause}" + (f" ({self.cause_status})" if self.cause_status and
                                               self.cause != "unknown" else ""))
        if self.metric_name and self.metric is not None:
            m = f"val {self.metric_name} {_g(self.metric)}" + (f" {self.units}" if self.units else "")
            refs = ", ".join(f"{k} {_g(v)}" for k, v in self.references.items() if v is not None)
            parts.append(m + (f" ({refs})" if refs else ""))
        if self.note:
            parts.append(self.note)
        if self.entry_id is not None:
            parts.append(f"dev_diary.md #{self.entry_id}")
        out = " · ".join(parts)
        if self.error:
            out += f"\nerror: {self.error}"
            if self.traceback_at:
                out += f" (full traceback in {self.traceback_at})"
        return out

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["line"] = self.line()
        return d
