"""Wider hidden layers, for a model too small for the signal.

A width that is the problem is rarely off by one step, so the candidates are a bracket searched by successive
halving: 4x, 16x and 64x the width, up to ``MAX_WIDTH`` units a layer (at least the 4x step is always tried).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"hidden_units": 1}, {}, Finding("underfitting", None, ""), Facts(), {"hidden_units"})
    >>> [c.description for c in MoreCapacity().propose(ctx).bracket]
    ['hidden_units 1 -> 4', 'hidden_units 1 -> 16', 'hidden_units 1 -> 64']
    >>> MoreCapacity().propose(Context({"hidden_units": 64}, {}, Finding("underfitting", None, ""), Facts(),
    ...                                {"hidden_units"})).description
    'hidden_units 64 -> 256'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

# wider than this a layer is no longer a cheap test on a small tabular problem
MAX_WIDTH = 256
_FACTORS = (4, 16, 64)


class MoreCapacity(Repair):
    name = "more_capacity"
    root_cause = "insufficient_capacity"
    symptoms = ("underfitting",)
    hypothesis = "The model is too small to represent the relationship"

    def __init__(self, factors: tuple[int, ...] = _FACTORS) -> None:
        if not factors or any(not isinstance(f, int) or f < 2 for f in factors):
            raise ValueError(f"factors must be integers >= 2, got {factors!r}")
        self.factors = tuple(sorted(factors))

    def propose(self, ctx: Context) -> Change | None:
        h = ctx.config.get("hidden_units")
        if isinstance(h, (list, tuple)) and h and all(isinstance(v, int) for v in h):
            values: list = [[v * f for v in h] for i, f in enumerate(self.factors)
                            if i == 0 or max(h) * f <= MAX_WIDTH]
            return self.bracketed(ctx, "hidden_units", values)
        if isinstance(h, int) and not isinstance(h, bool):
            return self.bracketed(ctx, "hidden_units", [h * f for i, f in enumerate(self.factors)
                                                         if i == 0 or h * f <= MAX_WIDTH])
        return self.knob(ctx, "hidden_units", 64)
