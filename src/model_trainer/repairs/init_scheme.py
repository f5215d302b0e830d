"""He (Kaiming) initialisation, when the initial weights keep signals and gradients from flowing.

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
        if ctx.config.get("init") == "kaiming":
            return None
        return self.knob(ctx, "init", "kaiming")
