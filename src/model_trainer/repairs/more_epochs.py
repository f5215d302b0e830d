"""Three times the epochs, for a loss still falling when training ended.

Example:
    >>> MoreEpochs().root_cause
    'insufficient_training'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class MoreEpochs(Repair):
    name = "more_epochs"
    root_cause = "insufficient_training"
    symptoms = ("slow_convergence",)
    hypothesis = "Training stopped before convergence"

    def propose(self, ctx: Context) -> Change | None:
        epochs = ctx.config.get("epochs")
        if not isinstance(epochs, int):
            return self.knob(ctx, "epochs", None)
        return self.knob(ctx, "epochs", epochs * 3)
