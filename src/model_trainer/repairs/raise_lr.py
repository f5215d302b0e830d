"""A larger learning rate, for a loss that falls too slowly: 3x, 10x and 30x (and the optimiser's conventional step
where that is further up: Adam's 0.001, plain SGD's 0.01), searched from the largest down.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"lr": 1e-5, "optimizer": "adam"}, {}, Finding("underfitting", None, ""), Facts(), {"lr"})
    >>> [c.description for c in RaiseLR().propose(ctx).bracket]
    ['lr 1e-05 -> 0.001', 'lr 1e-05 -> 0.0003', 'lr 1e-05 -> 0.0001', 'lr 1e-05 -> 3e-05']
    >>> ctx = Context({"lr": 1e-5, "optimizer": "sgd"}, {}, Finding("underfitting", None, ""), Facts(), {"lr"})
    >>> [c.description for c in RaiseLR().propose(ctx).bracket][0]
    'lr 1e-05 -> 0.01'
    >>> ctx = Context({"lr": 1e-5}, {}, Finding("underfitting", None, ""), Facts(), {"lr"})
    >>> [c.description for c in RaiseLR().propose(ctx).bracket][0]
    'lr 1e-05 -> 0.001'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair


class RaiseLR(Repair):
    name = "raise_lr"
    root_cause = "learning_rate_too_low"
    symptoms = ("slow_convergence", "underfitting", "vanishing_gradients")
    hypothesis = "Learning rate too low: each step moves the weights too little"
    likely_first = True

    def __init__(self, factor: float = 10.0) -> None:
        if factor <= 1:
            raise ValueError(f"factor must be > 1, got {factor!r}")
        self.factor = factor

    def propose(self, ctx: Context) -> Change | None:
        lr = ctx.config.get("lr")
        if not isinstance(lr, (int, float)) or lr >= 0.1:
            return None  # already large: a slow fit is not the step size's fault
        if "lr" not in ctx.knobs:
            return self.knob(ctx, "lr", float(f"{lr * self.factor:.6g}"))
        # 3x, 10x and 30x larger, capped at 1 (beyond it no common optimiser is stable on unit-scale data); an
        # adaptive optimiser far below its default step also gets the default itself (Kingma & Ba's 0.001)
        values = {min(float(f"{lr * f:.6g}"), 1.0) for f in (3.0, self.factor, 3 * self.factor)}
        opt = str(ctx.config.get("optimizer", "")).lower()
        if opt in T.ADAPTIVE_OPTIMIZERS and lr * 3 * self.factor < T.ADAPTIVE_LR_DEFAULT:
            values.add(T.ADAPTIVE_LR_DEFAULT)
        elif opt == "sgd" and lr * 3 * self.factor < T.SGD_LR_DEFAULT:
            values.add(T.SGD_LR_DEFAULT)  # and plain SGD its conventional 0.01
        elif not opt and lr < T.ADAPTIVE_LR_LOW and lr * 3 * self.factor < T.ADAPTIVE_LR_DEFAULT:
            # no optimiser named: 0.001 is the default of Adam, scikit-learn's MLP and Keras' optimisers alike
            values.add(T.ADAPTIVE_LR_DEFAULT)
        # largest first: a step far too small is usually off by more than one factor, and the search stops at the
        # first candidate that does worse than the best so far, so a bracket that starts at the likely winner costs
        # two short runs instead of four
        return self.bracketed(ctx, "lr", sorted(values, reverse=True))
