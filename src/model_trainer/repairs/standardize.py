"""Standardize the features (a tool-level data repair, kept in the model bundle).

Example:
    >>> Standardize().root_cause
    'unscaled_features'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class Standardize(Repair):
    name = "standardize"
    root_cause = "unscaled_features"
    symptoms = ("nan_loss", "exploding_gradients", "oscillating_loss", "slow_convergence", "underfitting")
    hypothesis = "Features on very different scales make one step size wrong for most weights"

    def propose(self, ctx: Context) -> Change | None:
        rep = ctx.facts.data
        if ctx.data_repairs.get("standardize") or rep is None or not rep.unscaled_features:
            return None
        if ctx.facts.kind == "mle":
            # a likelihood reads its columns as what they are (counts of plants, a dose it takes the log of): as
            # z-scores they are other data, not the same data better conditioned; ``rescale_parameters`` is a
            # statistical fit's scaling
            return None
        if (ctx.facts.diagnostics or {}).get("scales_inside"):
            return None  # the returned pipeline scales its features itself: its estimator would see the same values
        if (ctx.facts.diagnostics or {}).get("scale_free"):
            return None  # trees split one feature at a time: any rescaling gives the same model
        return self.data(ctx, "standardize", "standardize the features (z-score with the training split's mean "
                                             "and std)")
