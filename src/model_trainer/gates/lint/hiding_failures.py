"""Anti-pattern 3, hiding failures: only what worked is reported.

In prose: the diary claims successes and never shows a failed attempt, a refuted hypothesis or an open
problem. In the records: runs failed, yet every entry is resolved, none cites a failed run and no test failed.

Example:
    >>> from pathlib import Path
    >>> from model_trainer.records.diary_parse import parse_text
    >>> ctx = Context(Path("."), parse_text("Run 1 converged ✅\\nRun 2 converged, RMSE 4.2 ✅"))
    >>> [p.line for p in HidingFailures().prose(ctx)]
    [1]
"""

from __future__ import annotations

from model_trainer.gates.lint.base import FAILURE, SUCCESS, Context, Problem, prose_lines


class HidingFailures:
    pattern = "hiding_failures"

    def prose(self, ctx: Context) -> list[Problem]:
        if ctx.diary is None:
            return []
        lines = prose_lines(list(enumerate(ctx.diary.lines, 1)))
        if any(FAILURE.search(t) for _, t in lines):
            return []
        claims = [(n, t) for n, t in lines if SUCCESS.search(t) or "✅" in t]
        if not claims:
            return []
        return [Problem(self.pattern, f"{len(claims)} success claim(s) and not one failed attempt, refuted "
                        "hypothesis or open problem in the whole diary", ctx.diary_name, claims[0][0], claims[0][1])]

    def records(self, ctx: Context) -> list[Problem]:
        failed = [r for r in ctx.runs if not r.ok or r.stop_reason.startswith("red flag")]
        entries = ctx.entries
        cited = {r for e in entries for r in e.get("run_ids", [])} | {
            t.get("run_id") for e in entries for t in e.get("tests", []) if isinstance(t, dict)}
        # a failure is shown when an entry cites a failed run (the run it investigates) or records a failed test
        shown = any(r.run_id in cited for r in failed) or any(
            t.get("passed") is False for e in entries for t in e.get("tests", []) if isinstance(t, dict))
        if failed and entries and all(e.get("status") == "resolved" for e in entries) and not shown \
                and not ctx.search_log:
            return [Problem(self.pattern, f"{len(failed)} run(s) failed but the diary cites none of them and "
                            "records no failed test", "dev_diary.json")]
        return []
