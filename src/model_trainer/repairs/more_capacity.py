"""Wider hidden layers, for a model too small for the signal.

A width that is the problem is rarely off by one step, so the candidates are a bracket searched by successive
halving: 4x, 16x and 64x each layer's width, each layer capped at ``MAX_WIDTH`` units (at least the 4x step is
always tried). The width key is the one the configuration uses (``hidden_units``, ``hidden_size``, ...).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({"hidden_units": 1}, {}, Finding("underfitting", None, ""), Facts(), {"hidden_units"})
    >>> [c.description for c in MoreCapacity().propose(ctx).bracket]
    ['hidden_units 1 -> 4', 'hidden_units 1 -> 16', 'hidden_units 1 -> 64']
    >>> ctx = Context({"hidden_size": [32, 1]}, {}, Finding("underfitting", None, ""), Facts(), {"hidden_size"})
    >>> [c.description for c in MoreCapacity().propose(ctx).bracket]
    ['hidden_size [32, 1] -> [128, 4]', 'hidden_size [32, 1] -> [256, 16]', 'hidden_size [32, 1] -> [256, 64]']
    >>> forest = Context({"min_samples_leaf": 2}, {}, Finding("underfitting", None, ""), Facts(kind="function"), set(),
    ...                  measurements={"imports": ["numpy", "sklearn"]})
    >>> MoreCapacity().propose(forest) is None   # no width to ask a forest for
    True
"""

from __future__ import annotations

from model_trainer.probes.config_range import WIDTH_KEYS
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
        key = next((k for k in WIDTH_KEYS if k in ctx.config), "hidden_units")
        h = ctx.config.get(key)
        layers = list(h) if isinstance(h, (list, tuple)) else [h]
        if not layers or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in layers):
            if key not in ctx.config and not _maybe_a_network(ctx):
                return None  # no width to add to a forest or a likelihood: "add hidden_units" would mislead
            return self.knob(ctx, key, 64)
        values: list[list[int]] = []
        for i, f in enumerate(self.factors):
            wider = [v if v >= MAX_WIDTH else min(v * f, MAX_WIDTH) for v in layers]
            if wider != layers and wider not in values and (i == 0 or wider != values[-1]):
                values.append(wider)
        if not values:
            return None  # every layer is already at the cap: width is not what a cheap test can add
        return self.bracketed(ctx, key, values if isinstance(h, (list, tuple)) else [v[0] for v in values])


# the libraries a user's own network is written in (read from the entry file's imports, function mode)
_NETWORK_LIBS = {"torch", "keras", "tensorflow", "jax", "flax", "pytorch_lightning", "lightning"}


def _maybe_a_network(ctx: Context) -> bool:
    """A width could be the user's to add: a torch model, or a function whose entry file imports a network library
    (or whose imports were not read)."""
    if ctx.facts.kind in ("sklearn", "mle"):
        return False
    imports = ctx.measurements.get("imports")
    return ctx.facts.kind != "function" or imports is None or bool(_NETWORK_LIBS & set(imports))
