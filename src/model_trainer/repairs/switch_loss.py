"""The loss a warning of the run names: Keras' categorical cross-entropy over a single output unit, whose warning
asks for ``binary_crossentropy``. Over one unit the categorical loss normalises the output into a probability of 1
for the only class, so the loss is zero whatever the weights and no gradient reaches them.

Proposed only where the run's own warning named the loss (``measurements["loss_fix"]``, set by the reading of the
run's warnings) and the config holds the ``loss`` the user's code reads.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"loss": "categorical_crossentropy"}, {}, Finding("underfitting", None, ""), Facts(), {"loss"},
    ...               measurements={"loss_fix": "binary_crossentropy"})
    >>> SwitchLoss().propose(ctx).description
    'loss "categorical_crossentropy" -> "binary_crossentropy" (the run warned the loss fits no single output unit)'
    >>> SwitchLoss().propose(Context({"loss": "mse"}, {}, Finding("underfitting", None, ""), Facts(), {"loss"}))
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class SwitchLoss(Repair):
    name = "switch_loss"
    root_cause = "loss_mismatch"
    symptoms = ("underfitting", "constant_output", "vanishing_gradients", "slow_convergence")
    hypothesis = "The loss does not fit the output layer: the run's own warning names the loss that does"

    def propose(self, ctx: Context) -> Change | None:
        fix = ctx.measurements.get("loss_fix")
        loss = ctx.config.get("loss")
        if not isinstance(fix, str) or not isinstance(loss, str) or loss == fix:
            return None
        return self.knob(ctx, "loss", fix, "the run warned the loss fits no single output unit")
