"""An initialisation matched to the activation, when the initial weights keep signals and gradients from flowing:
He (Kaiming) for ReLU-like units, Glorot (Xavier) for sigmoid and tanh, whose outputs saturate when the
pre-activations start large. Where the returned network's units were found identical (weights filled with one
constant, ``measure._identical_units``), the framework's own initialisation of every layer (``"reset"``, for the
built-in torch loop): what the code overrode, and what breaks the symmetry.

Example:
    >>> InitScheme().root_cause
    'bad_initialization'
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"init": "default"}, {}, Finding("underfitting", None, ""), Facts(kind="torch"), {"init"},
    ...               measurements={"identical_units": 5})
    >>> InitScheme().propose(ctx).description
    'init "default" -> "reset"'
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
        if ctx.measurements.get("identical_units") and ctx.facts.kind == "torch":
            scheme = "reset"
        if ctx.config.get("init") == scheme:
            return None
        return self.knob(ctx, "init", scheme)
