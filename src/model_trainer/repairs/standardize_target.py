"""Standardize the regression target; predictions are mapped back to the target's units.

Example:
    >>> StandardizeTarget().root_cause
    'unscaled_target'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class StandardizeTarget(Repair):
    name = "standardize_target"
    root_cause = "unscaled_target"
    symptoms = ("nan_loss", "exploding_gradients", "slow_convergence", "underfitting", "oscillating_loss")
    hypothesis = "The target's scale is far from the network's output scale, so the loss and its gradients are huge"

    def propose(self, ctx: Context) -> Change | None:
        rep = ctx.facts.data
        if ctx.data_repairs.get("standardize_target") or rep is None or not rep.unscaled_target:
            return None
        if ctx.facts.kind == "mle":
            # a likelihood reads its columns as what they are (counts of plants, a dose it takes the log of): as
            # z-scores they are other data, not the same data better conditioned; ``rescale_parameters`` is a
            # statistical fit's scaling
            return None
        if ctx.config.get("loss") in ("bce", "cross_entropy"):
            return None
        if (ctx.facts.diagnostics or {}).get("scale_free"):
            return None  # trees predict means of training targets: a rescaled target gives the same predictions
        return self.data(ctx, "standardize_target", "standardize the target; predictions are mapped back to its units")
