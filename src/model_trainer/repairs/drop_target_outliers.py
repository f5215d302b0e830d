"""Leave out the training rows whose target lies far beyond all the others (a tool-level data repair).

A few targets thousands of robust standard deviations from the median, with nothing in between
(``probes/data_quality.py``), are recorded in another unit (grams among kilograms) or are codes. A squared-error
fit bends towards them; one of them weighs as much as the rest of the split together. The repair trains without
those training rows; validation is scored as it is, row for row.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> from model_trainer.probes.data_report import DataReport
    >>> rep = DataReport(300, 100, ["age"], {}, {}, {}, [], 0, [], target="weight_kg",
    ...                  target_outliers={"count": 6, "lines": [14, 88], "ratio": 1100.0})
    >>> ctx = Context({}, {}, Finding("overfitting", None, ""), Facts(data=rep), set())
    >>> DropTargetOutliers().propose(ctx).description
    'leave out the 6 training rows whose `weight_kg` lies far beyond the rest (file lines 14, 88)'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class DropTargetOutliers(Repair):
    name = "drop_target_outliers"
    root_cause = "invalid_data"
    symptoms = ("invalid_data", "underfitting", "overfitting", "exploding_gradients")
    hypothesis = "A few targets recorded in another unit (or as codes) pull the fit towards them"

    def propose(self, ctx: Context) -> Change | None:
        rep = ctx.facts.data
        far = getattr(rep, "target_outliers", None)
        if not far or ctx.data_repairs.get(self.name):
            return None
        lines = ", ".join(str(n) for n in far.get("lines") or ())
        return self.data(ctx, self.name, f"leave out the {far['count']} training rows whose `{rep.target}` lies far "
                         f"beyond the rest" + (f" (file lines {lines})" if lines else ""))
