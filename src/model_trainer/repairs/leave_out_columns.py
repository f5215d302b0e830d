"""A diagnostic test: the feature columns that go with the target unlike in training left out of both splits.

The invalid-data detector found a column whose correlation with the target differs between the files beyond any
sampling noise (``probes/shift.relation_shifts``: recorded after the outcome in one file and before it in the
other, a count that includes the event it should predict) while the references score far worse on validation than
on held-out training rows. Rescaling cannot mend that: the column's meaning differs, not its units. The tool trains
once without it. A model that is then acceptable, and scores better than with it, confirms that the column is what
failed. It is not a repair: the column may carry real information once it is recorded alike in both files, and the
fix is the data's (build it the same way for both), so its run is never accepted (``Repair.diagnostic``).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> f = Finding("invalid_data", None, "", {"cause": "train_val_mismatch",
    ...             "relation_shift": [{"column": "treatments", "train_r": 0.81, "val_r": 0.06}]})
    >>> LeaveOutColumns().propose(Context({}, {}, f, Facts(), set())).description
    'leave out `treatments` (r = 0.81 with the target in training, 0.06 in validation) from both splits'
    >>> from types import SimpleNamespace
    >>> f.evidence["value_shift"] = ["treatments", "visits"]
    >>> herd = Facts(data=SimpleNamespace(features=["treatments", "visits", "parity"], target="mastitis"))
    >>> LeaveOutColumns().propose(Context({}, {}, f, herd, set())).data_after["leave_out_columns"]
    ['treatments', 'visits']
"""

from __future__ import annotations

from typing import Any

from model_trainer.repairs.base import Change, Context, Repair


class LeaveOutColumns(Repair):
    name = "leave_out_columns"
    root_cause = "train_val_mismatch"
    symptoms = ("invalid_data",)
    hypothesis = "A feature column means something else in the validation file than in the training file"
    diagnostic = True
    fixed_in = "data"

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        left = list(change.data_after.get(self.name) or ())
        turned = [d for d in evidence.get("relation_shift") or () if d.get("column") in left]
        if len(left) > len(turned):
            # a block left out: its values moved between the files (a unit, a form), not a moment of recording
            shown = ", ".join(f"`{c}`" for c in left[:8]) + (f" and {len(left) - 8} more" if len(left) > 8 else "")
            return [f"Record {shown} in the same unit and form in both files: their values moved between the files, "
                    f"and {len(turned)} of them go with the target otherwise in validation than in training; or "
                    "leave them out of the model"]
        return [f"Build `{d['column']}` the same way in both files (it goes with the target at r = "
                f"{d['train_r']:.2f} in training and {d['val_r']:.2f} in validation): check when each file records "
                "it, before or after the outcome, and what it counts; or leave it out of the model" for d in turned]

    def propose(self, ctx: Context) -> Change | None:
        ev = ctx.finding.evidence
        shifted = [d for d in ev.get("relation_shift") or ()
                   if d.get("column") != getattr(ctx.facts.data, "target", None)]
        if ev.get("cause") != "train_val_mismatch" or not shifted or ctx.data_repairs.get(self.name):
            return None
        cols = [d["column"] for d in shifted]
        said = ", ".join(f"`{d['column']}` (r = {d['train_r']:.2f} with the target in training, {d['val_r']:.2f} in "
                         "validation)" for d in shifted)
        moved = [c for c in ev.get("value_shift") or () if c != getattr(ctx.facts.data, "target", None)]
        features = getattr(ctx.facts.data, "features", None) or ()
        if set(cols) <= set(moved) and len(cols) < len(moved) < len(features):
            # every such column's values moved too, with others: a block recorded in another unit or form in one
            # file (a decreasing transform turns a correlation's sign), so the block is what is left out
            more = [c for c in moved if c not in cols]
            return self.data(ctx, self.name, f"leave out {said} and the {len(more)} other column"
                             f"{'s' if len(more) > 1 else ''} whose values moved with them ("
                             + ", ".join(f"`{c}`" for c in more[:6]) + (" ..." if len(more) > 6 else "")
                             + ") from both splits", moved)
        return self.data(ctx, self.name, f"leave out {said} from both splits", cols)
