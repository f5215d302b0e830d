"""Read a feature's missing-value code as missing: the training median in its place (a tool-level data repair).

A value such as -999 repeated in a column whose other values span 5 to 60 stands for "not measured"
(``probes/data_quality.py``). A model reads it as a real, extreme measurement: a nearest-neighbour distance, a
standardised scale or a linear term is then dominated by it. The repair puts the training split's median of the
column's real values in its place, on both splits and in the accepted model's own preprocessing, so new rows with
the code are read the same way.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> from model_trainer.probes.data_report import DataReport
    >>> rep = DataReport(100, 30, ["canopy_m3"], {}, {}, {}, [], 0, [],
    ...                  missing_codes={"canopy_m3": {"value": -999.0, "train": 12, "val": 4, "known": True}})
    >>> ctx = Context({}, {}, Finding("underfitting", None, ""), Facts(data=rep), set())
    >>> MissingCodes().propose(ctx).description
    'read -999 in `canopy_m3` as missing (the training median in its place)'
"""

from __future__ import annotations

from model_trainer.records.fmt import short
from model_trainer.repairs.base import Change, Context, Repair


class MissingCodes(Repair):
    name = "missing_codes"
    root_cause = "invalid_data"
    symptoms = ("invalid_data", "underfitting", "overfitting", "exploding_gradients", "slow_convergence")
    hypothesis = "A code standing for a missing value is read as a real, extreme measurement"

    def propose(self, ctx: Context) -> Change | None:
        codes = dict(getattr(ctx.facts.data, "missing_codes", None) or {})
        cols = [c for c in codes if c not in (ctx.data_repairs.get(self.name) or ())]
        if not cols:
            return None
        shown = "; ".join(f"{short(codes[c]['value'])} in `{c}`" for c in cols[:4]) + (
            f" and {len(cols) - 4} more column(s)" if len(cols) > 4 else "")
        return self.data(ctx, self.name, f"read {shown} as missing (the training median in its place)",
                         [*(ctx.data_repairs.get(self.name) or ()), *cols])
