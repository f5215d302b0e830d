"""No output activation for a regression target outside the activation's range.

Example:
    >>> OutputActivation().root_cause
    'output_range_mismatch'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

_RANGE = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, float("inf"))}


class OutputActivation(Repair):
    name = "output_activation"
    root_cause = "output_range_mismatch"
    symptoms = ("underfitting", "slow_convergence", "vanishing_gradients")
    hypothesis = "The output layer cannot produce the target's range"

    def propose(self, ctx: Context) -> Change | None:
        act = ctx.config.get("output_activation")
        rep = ctx.facts.data
        if act not in _RANGE or rep is None or rep.target_min is None:
            return None
        lo, hi = _RANGE[act]
        if rep.target_min >= lo and rep.target_max <= hi:
            return None
        # the identity as the user's library spells it: Keras refuses "none" and takes "linear"
        identity = "linear" if {"keras", "tensorflow"} & set(ctx.measurements.get("imports", ())) else "none"
        return self.knob(ctx, "output_activation", identity,
                         f"target spans {rep.target_min:.4g}..{rep.target_max:.4g}, {act} spans {lo:g}..{hi:g}")
