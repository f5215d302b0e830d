"""What one investigation knows: the failing run, the finding, the tests so far and the hypotheses they bear on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from model_trainer.detect import Facts, Finding
from model_trainer.events import Hypothesis, RunRecord, TestRecord
from model_trainer.probes.data_report import DataReport


class SessionLike(Protocol):
    """What the investigator needs of a session: the loop is tested against a fake one (no processes)."""
    spec: Any
    data: Any
    entry: Any
    ws: Any
    report: Any

    def run(self, label: str, config: dict[str, Any], data_repairs: dict[str, Any] | None = None, *,
            stop_after_epochs: int | None = None, watch: Any = None, full: bool = False,
            purpose: str = "train") -> RunRecord: ...

    def out_of_time(self) -> bool: ...

    def write_entry(self, build: Any, plot_runs: list[tuple[str, RunRecord]] | None = None) -> Any: ...

    def publish(self, rec: RunRecord) -> None: ...


@dataclass
class Investigation:
    session: Any
    facts: Facts
    report: DataReport
    failing: RunRecord
    finding: Finding
    tests: list[TestRecord] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)
    measurements: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    runs: list[RunRecord] = field(default_factory=list)
    hypotheses: dict[str, Hypothesis] = field(default_factory=dict)
    # causes a measurement points at, with a weight: the ranking of open hypotheses
    suspicion: dict[str, float] = field(default_factory=dict)
    # the cause is in the user's code, beyond any knob: (cause, where, what to change)
    code_findings: list[tuple[str, str, str]] = field(default_factory=list)
    # kept changes that removed the flag under test but left a run that is not accepted: what each removed, and how
    suppressed: list[str] = field(default_factory=list)
    remaining: str = ""                                  # why the last kept change's run was still not accepted
    # what the loop works on now: the first finding, or what remained after a kept change (stacked changes)
    current: Finding | None = None
    compare_with: RunRecord | None = None
    stack: list[Any] = field(default_factory=list)        # kept changes (``repairs.Change``), oldest first
    # causes whose test removed the red flag it was about: evidence for them, so never refuted afterwards
    flag_removed: dict[str, int] = field(default_factory=dict)  # cause -> the test that removed the flag
    # a diagnostic test that confirmed its cause (``Repair.diagnostic``): (the change, its run, the test's n)
    diagnosed: tuple[Any, RunRecord, int] | None = None
    # changes are being tried on top of an accepted run (``loop.repair``'s polishing): it is what they are compared with
    polishing: bool = False
    # the first accepted run and how many kept changes it carried: the changes after those were tried on top of a run
    # already without a red flag, so the entry says they improved it rather than that they removed the flag
    first_accepted: tuple[int, RunRecord] | None = None
    # why a run held back for a knob still beyond its usual range was accepted after all (``loop._held_run_stands``)
    accepted_despite: str = ""

    def __post_init__(self) -> None:
        self.current = self.current or self.finding
        self.compare_with = self.compare_with or self.failing

    def add(self, hypothesis: str, action: str, kind: str, run_id: str | None, result: str,
            passed: bool | None) -> int:
        n = len(self.tests) + 1
        self.tests.append(TestRecord(n, hypothesis, action, kind, run_id, result, passed))  # type: ignore[arg-type]
        return n

    def suspect(self, cause: str, weight: float, test_n: int | None = None) -> None:
        """A measurement points at ``cause``: an open hypothesis, unless a test already settled it."""
        self.suspicion[cause] = self.suspicion.get(cause, 0.0) + weight
        h = self.hypotheses.setdefault(cause, Hypothesis(cause))
        if test_n is not None and test_n not in h.evidence:
            h.evidence.append(test_n)

    def settle(self, cause: str, status: str, test_n: int) -> None:
        """A test's outcome: ``confirmed`` wins over everything, ``refuted`` over ``open``.

        A cause whose change removed the flag it was about is not refuted by a later test (a second step in the
        same direction, or a gap to the references that remains): it stays open until an accepted run confirms it.
        """
        h = self.hypotheses.setdefault(cause, Hypothesis(cause))
        if test_n not in h.evidence:
            h.evidence.append(test_n)
        if h.status == "confirmed" or (status == "refuted" and cause in self.flag_removed):
            return
        if status == "confirmed" or (status == "refuted" and h.status == "open"):
            h.status = status  # type: ignore[assignment]

    def removed_flag(self, cause: str, test_n: int) -> None:
        """``cause``'s test made the red flag under test go away: an open hypothesis with that test as evidence."""
        self.flag_removed.setdefault(cause, test_n)
        h = self.hypotheses.setdefault(cause, Hypothesis(cause))
        if h.status == "refuted":
            h.status = "open"  # an earlier change for it failed, this one worked: the evidence is mixed
        if test_n not in h.evidence:
            h.evidence.append(test_n)

    def ranked_open(self) -> list[Hypothesis]:
        """Open hypotheses, the best supported first."""
        opens = [h for h in self.hypotheses.values() if h.status == "open"]
        return sorted(opens, key=lambda h: (-self.suspicion.get(h.cause, 0.0), -len(h.evidence)))

    def refuted(self, cause: str) -> bool:
        h = self.hypotheses.get(cause)
        return h is not None and h.status == "refuted"
