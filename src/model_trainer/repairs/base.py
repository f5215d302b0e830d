"""A repair: one change to the knobs of CONTRACT §4 or one tool-level data repair.

Each declares the symptoms it answers and the root cause a success would confirm. ``propose``
returns the change for the current configuration, or ``None`` when it does not apply; a change
that needs a knob the spec's [config] lacks comes back with ``missing_key`` set, so the diary can
say "not available: add `KEY` to [config]".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model_trainer.detect.base import Facts, Finding
from model_trainer.records.fmt import short


@dataclass
class Context:
    config: dict[str, Any]
    data_repairs: dict[str, Any]
    finding: Finding
    facts: Facts
    knobs: set[str]              # config keys a repair may change
    measurements: dict[str, Any] = field(default_factory=dict)
    # canonical knob name -> the name the user's config gives it (``config_keys.names``): ``config`` holds the
    # canonical names, and a change is described under the user's
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class Change:
    repair: str
    root_cause: str
    hypothesis: str
    description: str
    config_after: dict[str, Any]
    data_after: dict[str, Any]
    code_before: str
    code_after: str
    missing_key: str | None = None
    # candidates for the same knob, in search order (mildest first unless the repair says otherwise): the loop
    # searches them (successive halving) instead of one step
    bracket: list[Change] = field(default_factory=list)


class Repair:
    name: str = ""
    root_cause: str = ""
    symptoms: tuple[str, ...] = ()
    hypothesis: str = ""
    # False for a change that works around several causes at once (an adaptive optimiser): its success makes the
    # run acceptable without singling out its ``root_cause``
    confirms_cause: bool = True
    # True where the bracket's search order puts the likely winner first (a step far too small searched from the
    # largest candidate down): the search then runs that candidate in full, so a winner needs no retrain
    likely_first: bool = False
    # True for a test of a cause that only a change to the code fixes (the target mapped into a bounded output's
    # range): its success confirms the cause and the entry names the code to change, but its run is never accepted
    # as a repair (CONTRACT §4: what no knob reaches is not claimed as repaired)
    diagnostic: bool = False
    # what a confirmed diagnostic's cause is fixed in: the user's "code", or the "data" files
    fixed_in: str = "code"

    def propose(self, ctx: Context) -> Change | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        """What the entry of a cause this diagnostic confirmed tells the user to do, beyond the cause's own steps."""
        return []

    # helpers for the members
    def knob(self, ctx: Context, key: str, value: Any, why: str = "") -> Change:
        before = ctx.config.get(key)
        after = {**ctx.config, key: value}
        shown = ctx.names.get(key, key)
        desc = f"{shown} {_show(before)} -> {_show(value)}" + (f" ({why})" if why else "")
        change = Change(self.name, self.root_cause, self.hypothesis, desc, after, dict(ctx.data_repairs),
                        f"# Before:\n{shown} = {_show(before)}", f"# After ({self.name}):\n{shown} = {_show(value)}")
        if key not in ctx.knobs:
            change.missing_key = key
        return change

    def bracketed(self, ctx: Context, key: str, values: list[Any], why: str = "") -> Change | None:
        """A change for ``key`` whose bracket holds one candidate per value, in the order given (the order the search
        tries them); the second is the change made when no search runs."""
        if not values:
            return None
        cands = [self.knob(ctx, key, v, why) for v in values]
        first = cands[min(1, len(cands) - 1)]
        first.bracket = cands if len(cands) > 1 else []
        return first

    def data(self, ctx: Context, key: str, desc: str, value: Any = True) -> Change:
        after = {**ctx.data_repairs, key: value}
        shown = _show(value).lower() if isinstance(value, bool) else _show(value)
        return Change(self.name, self.root_cause, self.hypothesis, desc, dict(ctx.config), after,
                      "# Before: the data as given",
                      f"# After: data repair applied by model-trainer\n{key} = {shown}")


class LoopHook(Repair):
    """A diagnostic of the user's own loop (function mode) by a hook in its run's child: proposed where the probe
    ``measurement`` found, at the line it holds, the defect the hook undoes. Subclasses name the hook's key
    (``name``, read by ``kinds/function.py``) and what it does (``action``)."""
    root_cause = "training_loop_bug"
    diagnostic = True
    # a defect a knob can make harmless (the epoch a model is returned from), where the knobs are still searched
    # once it is confirmed: a model they make acceptable is kept, and the entry names the code change still due
    compensable = False
    measurement = ""
    action = ""

    def propose(self, ctx: Context) -> Change | None:
        where = ctx.measurements.get(self.measurement)
        if not where or ctx.facts.kind != "function" or ctx.data_repairs.get(self.name):
            return None
        return self.data(ctx, self.name, f"{self.action} (a hook of the tool's; the code at {where} is unchanged)")


def _show(v: Any) -> str:
    if v is None:
        return "(unset)"
    if isinstance(v, float):
        return short(v)
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return str(v)
