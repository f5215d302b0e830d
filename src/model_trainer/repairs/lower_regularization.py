"""Weaker regularisation, for a model that regularisation holds back: a ``dropout`` rate beyond its usual range
down, ``weight_decay`` or ``alpha`` down, ``C`` up, or a tree's ``min_samples_leaf`` down (a fifth, a twenty-fifth,
then one row: a leaf as large as a good share of the training rows leaves each tree a handful of leaves, or one).

The strength that is too large is rarely off by one step, so the candidates are a bracket searched by successive
halving: 10x, 100x and 10,000x weaker, then none at all.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"weight_decay": 50.0}, {}, Finding("underfitting", None, ""), Facts(), {"weight_decay"})
    >>> [c.description for c in LowerRegularization().propose(ctx).bracket]
    ['weight_decay 50 -> 5', 'weight_decay 50 -> 0.5', 'weight_decay 50 -> 0.005', 'weight_decay 50 -> 0']
    >>> ctx = Context({"dropout": 0.8}, {}, Finding("underfitting", None, ""), Facts(), {"dropout"})
    >>> [c.description for c in LowerRegularization().propose(ctx).bracket]
    ['dropout 0.8 -> 0.5', 'dropout 0.8 -> 0.2', 'dropout 0.8 -> 0.1', 'dropout 0.8 -> 0']
    >>> ctx = Context({"min_samples_leaf": 30}, {}, Finding("underfitting", None, ""), Facts(), {"min_samples_leaf"})
    >>> [c.description for c in LowerRegularization().propose(ctx).bracket]
    ['min_samples_leaf 30 -> 6', 'min_samples_leaf 30 -> 1']
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair

_WEAKER = (0.1, 0.01, 1e-4)
# a dropout rate beyond its usual range, lowered to the classic rate, the common ones, and none
_DROPOUTS = (0.5, 0.2, 0.1, 0.0)


class LowerRegularization(Repair):
    name = "lower_regularization"
    root_cause = "excessive_regularization"
    symptoms = ("underfitting", "constant_output", "slow_convergence", "vanishing_gradients")
    hypothesis = "Regularisation too strong: the penalty holds the weights near zero"

    def __init__(self, factors: tuple[float, ...] = _WEAKER) -> None:
        if not factors or any(not 0 < f < 1 for f in factors):
            raise ValueError(f"factors must each be in (0, 1), got {factors!r}")
        self.factors = tuple(factors)

    def propose(self, ctx: Context) -> Change | None:
        drop = ctx.config.get("dropout")
        if isinstance(drop, (int, float)) and not isinstance(drop, bool) and T.STRONG_DROPOUT <= drop < 1:
            # a rate beyond its usual range is the suspect before any penalty: most units are dropped every step
            return self.bracketed(ctx, "dropout", [v for v in _DROPOUTS if v < drop])
        for key in ("weight_decay", "alpha"):
            v = ctx.config.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
                values = [float(f"{v * f:.6g}") for f in self.factors] + [0.0]
                return self.bracketed(ctx, key, values)
        c = ctx.config.get("C")
        if isinstance(c, (int, float)) and not isinstance(c, bool) and c > 0:
            # scikit-learn's C is the inverse strength: weaker regularisation is a larger C
            return self.bracketed(ctx, "C", [float(f"{c / f:.6g}") for f in self.factors])
        leaf = ctx.config.get("min_samples_leaf")
        if isinstance(leaf, int) and not isinstance(leaf, bool) and leaf >= 5:
            return self.bracketed(ctx, "min_samples_leaf", sorted({max(leaf // 5, 1), max(leaf // 25, 1), 1},
                                                                  reverse=True))
        return None
