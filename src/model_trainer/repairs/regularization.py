"""Ten times the regularisation strength: ``alpha`` up, or scikit-learn's inverse ``C`` down.

Example:
    >>> Regularization().name
    'regularization'
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
        return None
