"""Narrower hidden layers, for a network that memorises a small training split; a lower polynomial degree.

Capacity is regularisation too: a network with far more weights than training rows fits their noise whatever
its weight decay. The candidates are a bracket searched by successive halving: a quarter and a sixteenth of each
layer's width, never under ``MIN_WIDTH`` units. The width key is the one the configuration uses. Without a width,
a polynomial's ``degree`` (``PolynomialFeatures``, a polynomial kernel; or ``poly_degree``, ``polynomial_degree``):
its terms grow as the degree's power of the inputs, so a sixth degree in five inputs has 461 of them, and half the
degree and the quadratic are the bracket.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"hidden_units": 512}, {}, Finding("overfitting", None, ""), Facts(), {"hidden_units"})
    >>> [c.description for c in LessCapacity().propose(ctx).bracket]
    ['hidden_units 512 -> 128', 'hidden_units 512 -> 32']
    >>> ctx = Context({"degree": 6}, {}, Finding("overfitting", None, ""), Facts(), {"degree"})
    >>> [c.description for c in LessCapacity().propose(ctx).bracket]
    ['degree 6 -> 3', 'degree 6 -> 2']
"""

from __future__ import annotations

from model_trainer.probes.config_range import widths
from model_trainer.repairs.base import Change, Context, Repair

# narrower than this a layer is a bottleneck, not a regulariser
MIN_WIDTH = 4
_FACTORS = (4, 16)


class LessCapacity(Repair):
    name = "less_capacity"
    root_cause = "insufficient_regularization"
    symptoms = ("overfitting",)
    hypothesis = "The network has far more weights than the training rows can pin down, so it fits their noise"

    def __init__(self, factors: tuple[int, ...] = _FACTORS) -> None:
        if not factors or any(not isinstance(f, int) or f < 2 for f in factors):
            raise ValueError(f"factors must be integers >= 2, got {factors!r}")
        self.factors = tuple(sorted(factors))

    def propose(self, ctx: Context) -> Change | None:
        found = widths(ctx.config)
        if found is None or found[0] not in ctx.knobs:
            return self._lower_degree(ctx)  # no width the user's config gives: nothing narrower to test
        key, h, layers = found
        values: list[list[int]] = []
        for f in self.factors:
            narrower = [max(MIN_WIDTH, v // f) for v in layers]
            if narrower != layers and narrower not in values:
                values.append(narrower)
        if not values:
            return None
        return self.bracketed(ctx, key, values if isinstance(h, (list, tuple)) else [v[0] for v in values])

    def _lower_degree(self, ctx: Context) -> Change | None:
        key = next((k for k in _DEGREE_KEYS if k in ctx.knobs), None)
        d = ctx.config.get(key) if key else None
        if not isinstance(d, int) or isinstance(d, bool) or d < 2:
            return None
        values = sorted({max(1, d // 2), max(1, min(2, d - 1))} - {d}, reverse=True)
        return self.bracketed(ctx, key, values) if values else None


_DEGREE_KEYS = ("degree", "poly_degree", "polynomial_degree")
