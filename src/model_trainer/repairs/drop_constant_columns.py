"""Drop feature columns that hold one value on the training split (a tool-level data repair).

A constant column carries no information, and code that standardises by the column's spread divides by zero:
the loss is NaN from the first epoch.

Example:
    >>> DropConstantColumns().root_cause
    'invalid_data'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class DropConstantColumns(Repair):
    name = "drop_constant_columns"
    root_cause = "invalid_data"
    symptoms = ("invalid_data", "nan_loss", "exploding_gradients")
    hypothesis = "A constant column carries no information and its zero spread poisons a standardisation"

    def propose(self, ctx: Context) -> Change | None:
        rep = ctx.facts.data
        cols = list(getattr(rep, "constant_columns", None) or [])
        if ctx.data_repairs.get("drop_constant_columns") or not cols:
            return None
        shown = ", ".join(f"`{c}`" for c in cols[:5]) + (f" and {len(cols) - 5} more" if len(cols) > 5 else "")
        return self.data(ctx, "drop_constant_columns", f"drop the constant column(s) {shown}")
