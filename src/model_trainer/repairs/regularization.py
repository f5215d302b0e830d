"""More regularisation, on the knob the configuration has: an RBF kernel's ``gamma`` down (a bracket: 10 and 100
times smaller, a kernel 3 and 10 times wider; for ``kind = "sklearn"`` or beside a ``kernel`` key), ``alpha`` ten
times up, scikit-learn's inverse ``C`` ten times down, a neighbours model's ``n_neighbors`` up (a bracket: 5 and 20
times, at least 5 and 20), or a tree's ``min_samples_leaf`` up (a bracket: 5 and 20 times, at least 5 and 20 rows).
A tree grown to leaves of one row, a nearest-neighbour vote of one and a kernel narrower than the spacing of the
rows each reproduce every training target, noise included; a kernel's width comes first where both it and ``C`` are
set, since ``C`` cannot smooth a kernel that sees every row as alone.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"max_depth": 40, "min_samples_leaf": 1}, {}, Finding("overfitting", None, ""), Facts(), set())
    >>> [c.description for c in Regularization().propose(ctx).bracket]
    ['min_samples_leaf 1 -> 5', 'min_samples_leaf 1 -> 20']
    >>> ctx = Context({"kernel": "rbf", "C": 10.0, "gamma": 20.0}, {}, Finding("overfitting", None, ""), Facts(), set())
    >>> [c.description for c in Regularization().propose(ctx).bracket]
    ['gamma 20 -> 2', 'gamma 20 -> 0.2']
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


class Regularization(Repair):
    name = "regularization"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "Too little regularisation: the model fits noise"

    def propose(self, ctx: Context) -> Change | None:
        gamma = ctx.config.get("gamma")
        # a number only ("scale" and "auto" are scikit-learn's own data-based widths), and a kernel's only: a torch
        # program's `gamma` is as often a scheduler's decay factor
        kernel = ctx.facts.kind == "sklearn" or "kernel" in ctx.config
        if kernel and isinstance(gamma, (int, float)) and not isinstance(gamma, bool) and gamma > 0:
            return self.bracketed(ctx, "gamma", [float(f"{gamma / 10:.6g}"), float(f"{gamma / 100:.6g}")])
        if isinstance(ctx.config.get("alpha"), (int, float)):
            return self.knob(ctx, "alpha", float(f"{max(ctx.config['alpha'], 1e-6) * 10:.6g}"))
        if isinstance(ctx.config.get("C"), (int, float)):
            return self.knob(ctx, "C", float(f"{ctx.config['C'] / 10:.6g}"))
        k = ctx.config.get("n_neighbors")
        if _count(k):
            return self.bracketed(ctx, "n_neighbors", sorted({max(k * 5, 5), max(k * 20, 20)}))
        leaf = ctx.config.get("min_samples_leaf")
        if _count(leaf):
            return self.bracketed(ctx, "min_samples_leaf", sorted({max(leaf * 5, 5), max(leaf * 20, 20)}))
        return None
