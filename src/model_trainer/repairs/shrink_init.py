"""Start positive MLE parameters ten times closer to zero, when the likelihood overflows at the start.

An exponential rate started too high makes ``exp(rate * t)`` overflow before the optimizer takes a
step; from a smaller start the likelihood is finite and the fit can climb to the estimate.

Example:
    >>> ShrinkInit().root_cause
    'numerical_overflow'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class ShrinkInit(Repair):
    name = "shrink_init"
    root_cause = "numerical_overflow"
    symptoms = ("nan_loss",)
    hypothesis = "The starting values overflow the likelihood (an exponential of a large rate)"

    def __init__(self, factor: float = 0.1) -> None:
        if not 0 < factor < 1:
            raise ValueError(f"factor must be in (0, 1), got {factor!r}")
        self.factor = factor

    def propose(self, ctx: Context) -> Change | None:
        if "nll" not in (ctx.facts.diagnostics or {}) or ctx.data_repairs.get("init_scale"):
            return None
        return Change(self.name, self.root_cause, self.hypothesis,
                      f"start the positive parameters at {self.factor:g} x their initial values",
                      dict(ctx.config), {**ctx.data_repairs, "init_scale": self.factor},
                      "# Before: theta0 = [p['init'] for p in PARAMS]",
                      f"# After: theta0 = [{self.factor:g} * p['init'] if p['init'] > 0 else p['init']\n"
                      "#                  for p in PARAMS]")
