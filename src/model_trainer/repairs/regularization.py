"""More regularisation: ``alpha`` ten times up, scikit-learn's inverse ``C`` ten times down, or a tree's
``min_samples_leaf`` up (a bracket: 5 and 20 times, at least 5 and 20 rows), since a tree grown to leaves of
one row reproduces every training target, noise included.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"max_depth": 40, "min_samples_leaf": 1}, {}, Finding("overfitting", None, ""), Facts(), set())
    >>> [c.description for c in Regularization().propose(ctx).bracket]
    ['min_samples_leaf 1 -> 5', 'min_samples_leaf 1 -> 20']
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class Regularization(Repair):
    name = "regularization"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "Too little regularisation: the model fits noise"

    def propose(self, ctx: Context) -> Change | None:
        if isinstance(ctx.config.get("alpha"), (int, float)):
            return self.knob(ctx, "alpha", float(f"{max(ctx.config['alpha'], 1e-6) * 10:.6g}"))
        if isinstance(ctx.config.get("C"), (int, float)):
            return self.knob(ctx, "C", float(f"{ctx.config['C'] / 10:.6g}"))
        leaf = ctx.config.get("min_samples_leaf")
        if isinstance(leaf, int) and not isinstance(leaf, bool) and leaf >= 1:
            return self.bracketed(ctx, "min_samples_leaf", sorted({max(leaf * 5, 5), max(leaf * 20, 20)}))
        return None
