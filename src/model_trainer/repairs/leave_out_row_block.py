"""A diagnostic test: the stretch of training rows whose classes their features do not explain left out.

Classes that do not follow their inputs in one stretch of the file are labels joined to the wrong rows (a paste
one row off, another survey's key) or taken from another labelling. Training without them shows whether they
are what holds the model back; the fix is the labels' (join them again), and the rows left out may be half the
data, so the run is never accepted (``Repair.diagnostic``).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> from model_trainer.probes.data_report import DataReport
    >>> rep = DataReport(1200, 600, ["ph"], {}, {}, {}, [], 0, [], target="arsenic_class",
    ...                  row_block={"first_line": 622, "last_line": 1201, "rows": 580, "labels": True})
    >>> ctx = Context({}, {}, Finding("invalid_data", None, ""), Facts(data=rep), set())
    >>> LeaveOutRowBlock().propose(ctx).data_after
    {'drop_row_block': [622, 1201]}
"""

from __future__ import annotations

from typing import Any

from model_trainer.repairs.base import Change, Context, Repair


class LeaveOutRowBlock(Repair):
    name = "leave_out_row_block"
    root_cause = "label_corruption"
    symptoms = ("invalid_data",)
    hypothesis = "A stretch of the training file carries labels that belong to other rows or another labelling"
    diagnostic = True
    fixed_in = "data"

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        b = evidence.get("row_block") or {}
        if not b:
            return []
        return [f"Check how the labels of training file lines {b['first_line']}-{b['last_line']} were joined to their "
                "rows (a key or a paste one row off, another survey's labels) and join them again; leaving the rows "
                "out loses them"]

    def propose(self, ctx: Context) -> Change | None:
        b = getattr(ctx.facts.data, "row_block", None)
        if not b or not b.get("labels") or ctx.data_repairs.get("drop_row_block"):
            return None
        return self.data(ctx, "drop_row_block", f"leave out training file lines {b['first_line']}-{b['last_line']} "
                         f"({b['rows']} rows), whose classes their features do not explain as the other rows' do",
                         value=[int(b["first_line"]), int(b["last_line"])])
