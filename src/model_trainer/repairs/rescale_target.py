"""A diagnostic test: a regression target mapped into the range a bounded output layer can produce.

A sigmoid, tanh or ReLU applied last in the user's own code bounds every prediction, and no knob reaches that line.
The tool can still test the cause without touching the code: it hands the code the target moved into the bound's
range (``preprocess.TARGET_RANGES``) and maps the model's predictions back into the target's units, as it does for
``standardize_target``. A model that then fits confirms that the bound was what held it back. It is not a repair:
the fix is the code's (return the last layer unbounded), and a bounded head fitted to a squeezed target trains less
well than the unbounded one, so its run is never accepted (``Repair.diagnostic``).

Proposed only on evidence of a bound: the output-range probe found a third of the target's range out of reach, and
every prediction lies inside one of the ranges, either touching its bound (outputs pressed against 0 or 1) or with
the bounded activation named in the code or in ``output_activation``; or the predictions pile up on their largest
value, a cap (a clamp or clip in the code), and the target is scaled toward zero until it fits under it.

Example:
    >>> bounded_range({"pred_min": 0.0, "pred_max": 0.9998, "activation": None})
    '0..1'
    >>> bounded_range({"pred_min": 0.0, "pred_max": 7.5, "activation": "relu"})
    '0..inf'
    >>> bounded_range({"pred_min": 0.2, "pred_max": 0.6, "activation": None}) is None
    True
    >>> bounded_range({"pred_min": 0.4, "pred_max": 148.4, "activation": None, "capped": True})
    '-inf..148.4'
"""

from __future__ import annotations

from typing import Any

from model_trainer.preprocess import target_cap
from model_trainer.records.fmt import num
from model_trainer.repairs.base import Change, Context, Repair

# the output ranges of the bounded activations (``preprocess.TARGET_RANGES`` names), as a code reader names them
_OF_ACTIVATION = {"sigmoid": "0..1", "tanh": "-1..1", "relu": "0..inf"}
# predictions this close to a bound (in the bound's own units) are pressed against it
_TOUCH = 0.01
_CLASSIFICATION = ("accuracy", "auc", "f1")


def bounded_range(r: dict[str, Any]) -> str | None:
    """The range name of the bound the predictions show, or None where they show none."""
    lo, hi, act = float(r["pred_min"]), float(r["pred_max"]), r.get("activation")
    if act in _OF_ACTIVATION:
        into = _OF_ACTIVATION[act]
        inside = {"0..1": lo >= 0 and hi <= 1, "-1..1": lo >= -1 and hi <= 1, "0..inf": lo >= 0}[into]
        return into if inside else None  # the code's output is mapped again before it is returned: no bound seen
    if r.get("capped") and hi > 0 and not (lo >= 0 and hi <= 1):
        return f"-inf..{hi:.10g}"  # a clamp or clip in the code: rows above it all get exactly this answer
    if lo >= 0 and hi <= 1 and (lo <= _TOUCH or hi >= 1 - _TOUCH):
        return "0..1"
    if lo >= -1 and hi <= 1 and (lo <= -1 + _TOUCH or hi >= 1 - _TOUCH):
        return "-1..1"
    if lo == 0.0:
        return "0..inf"  # a ReLU's exact zero
    if hi == 0.0:
        return "-inf..0"
    return None


class RescaleTarget(Repair):
    name = "rescale_target"
    root_cause = "output_range_mismatch"
    symptoms = ("underfitting", "constant_output", "dying_relu", "vanishing_gradients", "slow_convergence")
    hypothesis = "The output layer cannot produce the target's range"
    diagnostic = True

    def propose(self, ctx: Context) -> Change | None:
        r = ctx.measurements.get("output_range")
        if not r or ctx.data_repairs.get("rescale_target") or ctx.facts.metric in _CLASSIFICATION:
            return None
        if ctx.config.get("loss") in ("bce", "cross_entropy"):
            return None
        if str(ctx.config.get("output_activation", "none")).lower() not in ("none", "linear", "identity"):
            return None  # a knob sets the bound: ``output_activation`` removes it instead
        into = bounded_range(r)
        cap = target_cap(into) if into is not None else None
        if into is None or (cap is not None and ctx.data_repairs.get("standardize_target")):
            return None  # a cap read in the target's units says nothing of the scale the code saw it on
        if cap is not None:
            return self.data(ctx, "rescale_target", f"scale the target so that its largest training value falls below "
                                                    f"the predictions' cap, {num(cap)} (predictions are scaled back to "
                                                    "its units)", into)
        return self.data(ctx, "rescale_target", f"map the target into the output's range {into} (its training range "
                                                "mapped linearly; predictions are mapped back to its units)", into)
