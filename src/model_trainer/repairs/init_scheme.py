"""An initialisation matched to the activation, when the initial weights keep signals and gradients from flowing:
He (Kaiming) for ReLU-like units, Glorot (Xavier) for sigmoid and tanh, whose outputs saturate when the
pre-activations start large.

Example:
    >>> InitScheme().root_cause
    'bad_initialization'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class InitScheme(Repair):
    name = "kaiming_init"
    root_cause = "bad_initialization"
    symptoms = ("vanishing_gradients", "dying_relu", "underfitting", "constant_output")
    hypothesis = "The initial weights are badly scaled for the depth and activation"

    def propose(self, ctx: Context) -> Change | None:
        scheme = "xavier" if str(ctx.config.get("activation", "")).lower() in ("sigmoid", "tanh") else "kaiming"
        if ctx.config.get("init") == scheme:
            return None
        return self.knob(ctx, "init", scheme)
