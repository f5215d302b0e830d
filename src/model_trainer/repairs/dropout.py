"""Dropout 0.2, against overfitting (the user's ``build_model`` must read ``dropout``).

Example:
    >>> Dropout().name
    'dropout'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class Dropout(Repair):
    name = "dropout"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "Co-adapted units memorise the training set; dropout breaks that"

    def propose(self, ctx: Context) -> Change | None:
        if float(ctx.config.get("dropout") or 0) >= 0.2:
            return None
        return self.knob(ctx, "dropout", 0.2)
