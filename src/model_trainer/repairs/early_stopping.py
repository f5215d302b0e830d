"""Early stopping with the best weights restored, against a validation loss that rises.

Example:
    >>> EarlyStopping(patience=5).patience
    5
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class EarlyStopping(Repair):
    name = "early_stopping"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "The model keeps fitting noise after it has learned the signal; stop at the validation minimum"

    def __init__(self, patience: int = 5) -> None:
        if patience < 1:
            raise ValueError(f"patience must be >= 1, got {patience!r}")
        self.patience = patience

    def propose(self, ctx: Context) -> Change | None:
        if int(ctx.config.get("early_stopping_patience") or 0) > 0:
            return None
        epochs = ctx.config.get("epochs")
        # a twentieth of a long run (a validation loss that wanders for a few epochs is no rise), at most a tenth of
        # a short one, never under 3
        patience = (max(3, min(int(epochs) // 10, max(self.patience, int(epochs) // 20))) if isinstance(epochs, int)
                    else self.patience)
        return self.knob(ctx, "early_stopping_patience", patience)
