"""More epochs, for a loss still falling when training ended: three times as many, and at least
``MIN_CURVE_EPOCHS`` (a run of one or two epochs has no curve to judge; three times it still has none worth the
name).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"epochs": 2}, {}, Finding("underfitting", None, ""), Facts(), {"epochs"})
    >>> MoreEpochs().propose(ctx).description
    'epochs 2 -> 10'
    >>> ctx = Context({"epochs": 30}, {}, Finding("slow_convergence", None, ""), Facts(), {"epochs"})
    >>> MoreEpochs().propose(ctx).description
    'epochs 30 -> 90'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair


class MoreEpochs(Repair):
    name = "more_epochs"
    root_cause = "insufficient_training"
    symptoms = ("slow_convergence",)
    hypothesis = "Training stopped before convergence"

    def __init__(self, factor: int = 3) -> None:
        if not isinstance(factor, int) or isinstance(factor, bool) or factor < 2:
            raise ValueError(f"factor must be an integer >= 2, got {factor!r}")
        self.factor = factor

    def propose(self, ctx: Context) -> Change | None:
        epochs = ctx.config.get("epochs")
        if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
            return self.knob(ctx, "epochs", None)
        return self.knob(ctx, "epochs", max(epochs * self.factor, T.MIN_CURVE_EPOCHS))
