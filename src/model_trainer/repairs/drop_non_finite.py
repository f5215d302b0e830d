"""Drop rows holding NaN or inf (a tool-level data repair).

Example:
    >>> DropNonFinite().symptoms
    ('invalid_data', 'nan_loss')
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class DropNonFinite(Repair):
    name = "drop_non_finite_rows"
    root_cause = "invalid_data"
    symptoms = ("invalid_data", "nan_loss")
    hypothesis = "Non-finite values in the data poison the loss"

    def propose(self, ctx: Context) -> Change | None:
        rep = ctx.facts.data
        if ctx.data_repairs.get("drop_non_finite_rows") or rep is None or not rep.non_finite:
            return None
        return self.data(ctx, "drop_non_finite_rows", "drop the rows holding NaN/inf")
