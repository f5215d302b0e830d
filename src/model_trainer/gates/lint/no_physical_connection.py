"""Anti-pattern 4, no physical connection: a number without meaning ("Loss converged to 0.42" - so what?).

In prose: a loss or metric value stated with no unit, scale or comparison on its line, in a story that
never interprets it (no physical-interpretation or domain-insight section with content). In the records:
metrics reported while the spec gives no target units, or a resolved diary that never states a metric in
them.

Example:
    >>> from pathlib import Path
    >>> from model_trainer.records.diary_parse import parse_text
    >>> ctx = Context(Path("."), parse_text("Loss converged to 0.42"))
    >>> [p.line for p in NoPhysicalConnection().prose(ctx)]
    [1]
"""

from __future__ import annotations

import re

from model_trainer.gates.lint.base import Context, Problem, prose_lines, words

_VALUE = re.compile(r"\b(?:loss|rmse|mae|mse|error|accuracy|metric|log-likelihood|likelihood|r2|auc)\b"
                    r"(?:(?!epoch|iteration|step)[^0-9\n]){0,20}?[-+]?\d*\.?\d+", re.I)
# a unit ("cases/day", "°C", "mm"), a scale or a comparison turns a number into a statement
_MEANING = re.compile(r"\d\s*(?:%|[A-Za-z°µ]+/[A-Za-z]+|°\w*)|\(was\s|\d\s*->\s*[-+]?\d|" + words(
    r"baseline", r"corresponds?", r"relative", r"compared", r"vs\.?", r"versus", r"of the", r"than",
    r"units?", r"constant predictor", r"references?", r"identical to", r"as before", r"same as",
    r"per").pattern, re.I)
_INTERPRETATION = re.compile(r"physical interpretation|domain insight|implication", re.I)


def interpreted(block: list[tuple[int, str]]) -> bool:
    """The block has an interpretation heading followed by text of its own."""
    lines = prose_lines(block)
    for i, (_, text) in enumerate(lines):
        if _INTERPRETATION.search(text) and text.lstrip().startswith(("#", "**")):
            rest = re.sub(r"^[#*\s]*[^:*#]*[:*]*\s*", "", text) if ":" in text else ""
            following = lines[i + 1][1] if i + 1 < len(lines) else ""
            if rest.strip() or (following.strip() and not following.lstrip().startswith(("#", "**"))):
                return True
    return False


class NoPhysicalConnection:
    pattern = "no_physical_connection"

    def prose(self, ctx: Context) -> list[Problem]:
        if ctx.diary is None:
            return []
        out = []
        for block in ctx.diary.blocks():
            if interpreted(block):
                continue
            for n, text in prose_lines(block):
                if _VALUE.search(text) and not _MEANING.search(text) and not (ctx.units and ctx.units in text):
                    out.append(Problem(self.pattern, "a value is reported with no unit, scale or comparison and "
                                       "no interpretation", ctx.diary_name, n, text))
                    break
        return out

    def records(self, ctx: Context) -> list[Problem]:
        entries = ctx.entries
        if not entries:
            return []
        metric = getattr(getattr(ctx.spec, "model", None), "metric", "rmse")
        if metric not in ("rmse", "mae"):
            return []  # a share of correct answers is stated without the target's units
        if not ctx.units:
            return [Problem(self.pattern, "metrics are reported without units: set [domain] target_units (and "
                            "description) in the spec")]
        md = "\n".join(ctx.diary.lines) if ctx.diary is not None else ""
        if ctx.units not in md and any(e.get("status") == "resolved" for e in entries):
            return [Problem(self.pattern, f"the diary never states a metric in {ctx.units}", ctx.diary_name)]
        return []
