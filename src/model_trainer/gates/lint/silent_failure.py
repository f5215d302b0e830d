"""Anti-pattern 1, silent failures: something went wrong and no entry tells how it was investigated.

In prose: a success claimed ("Training succeeded after parameter tuning", "Fixed by adjusting
hyperparameters") in a story with no hypothesis, test, measurement or cause. In the records: a failed or
red-flagged run that no diary entry (or search log) cites, or a published configuration that differs from
the spec's with no entry explaining it.

Example:
    >>> from pathlib import Path
    >>> from model_trainer.records.diary_parse import parse_text
    >>> ctx = Context(Path("."), parse_text("Training succeeded after parameter tuning."))
    >>> [p.line for p in SilentFailure().prose(ctx)]
    [1]
"""

from __future__ import annotations

import json

from model_trainer.gates.lint.base import INVESTIGATION, SUCCESS, Context, Problem, prose_lines


class SilentFailure:
    pattern = "silent_failure"

    def prose(self, ctx: Context) -> list[Problem]:
        if ctx.diary is None:
            return []
        out = []
        for block in ctx.diary.blocks():
            lines = prose_lines(block)
            if any(INVESTIGATION.search(t) for _, t in lines):
                continue
            claim = next(((n, t) for n, t in lines if SUCCESS.search(t)), None)
            if claim:
                out.append(Problem(self.pattern, "a success is claimed but no hypothesis, test or cause is given",
                                   ctx.diary_name, claim[0], claim[1]))
        return out

    def records(self, ctx: Context) -> list[Problem]:
        entries = ctx.entries
        cited = {r for e in entries for r in e.get("run_ids", [])} | {
            t["run_id"] for e in entries for t in e.get("tests", []) if isinstance(t, dict) and t.get("run_id")}
        out = []
        for r in ctx.runs:
            if (not r.ok or r.stop_reason.startswith("red flag")) and r.run_id not in cited \
                    and r.run_id not in ctx.search_log:
                why = f" ({r.stop_reason})" if r.stop_reason else ""
                out.append(Problem(self.pattern, f"run {r.run_id} ended '{r.status}'{why} and no diary entry "
                                   "cites it"))
        manifest = ctx.root / "results/model_final.manifest.json"
        if manifest.exists() and ctx.spec is not None:
            m = json.loads(manifest.read_text())
            final = {**m.get("config", {}), **{k: v for k, v in m.get("data_repairs", {}).items() if v}}
            fixes = [e["fix"] for e in entries if e.get("fix")]
            if final != {**ctx.spec.config} and not fixes and not ctx.search_log:
                out.append(Problem(self.pattern, "the published configuration differs from the spec's [config] "
                                   "and no diary entry explains the change", "results/model_final.manifest.json"))
        return out

