"""Learning rate ×0.1: the first hypothesis for a divergence or an oscillation.

A bracket of 0.3x, 0.1x and 0.01x, mildest first; an adaptive optimiser at or above ``ADAPTIVE_LR_HIGH`` also gets
its default step (Adam's 0.001) as the last candidate.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"lr": 2.0, "optimizer": "adam"}, {}, Finding("nan_loss", None, ""), Facts(), {"lr"})
    >>> [c.description for c in LowerLR().propose(ctx).bracket]
    ['lr 2 -> 0.6', 'lr 2 -> 0.2', 'lr 2 -> 0.02', 'lr 2 -> 0.001']
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair


class LowerLR(Repair):
    name = "lower_lr"
    root_cause = "learning_rate_too_high"
    symptoms = ("nan_loss", "exploding_gradients", "oscillating_loss", "dying_relu", "constant_output",
                "vanishing_gradients", "underfitting")
    hypothesis = "Learning rate too high: steps overshoot the minimum"

    def __init__(self, factor: float = 0.1) -> None:
        if not 0 < factor < 1:
            raise ValueError(f"factor must be in (0, 1), got {factor!r}")
        self.factor = factor

    def propose(self, ctx: Context) -> Change | None:
        lr = ctx.config.get("lr")
        if not isinstance(lr, (int, float)):
            return self.knob(ctx, "lr", None) if "lr" not in ctx.knobs else None
        if "lr" not in ctx.knobs:
            return self.knob(ctx, "lr", float(f"{lr * self.factor:.6g}"))
        # a bracket around the one step: 3x, 10x (the classic step) and 100x smaller
        values = [float(f"{lr * f:.6g}") for f in (0.3, self.factor, self.factor ** 2)]
        opt = str(ctx.config.get("optimizer", "")).lower()
        if opt in T.ADAPTIVE_OPTIMIZERS and lr >= T.ADAPTIVE_LR_HIGH and min(values) > T.ADAPTIVE_LR_DEFAULT:
            values.append(T.ADAPTIVE_LR_DEFAULT)  # far out of the optimiser's range: its own default is a candidate
        return self.bracketed(ctx, "lr", values)
