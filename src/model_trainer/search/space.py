"""``[search.space]``: floats (``{low, high, log}``), ints (``{low, high}`` with whole numbers) and
categorical lists, each checked against the knobs the spec's ``[config]`` has.

Example:
    >>> kinds = {n: d.kind for n, d in parse_space({"lr": {"low": 1e-4, "high": 0.1, "log": True},
    ...                                             "units": [32, 64]}, {"lr": 0.1, "units": 32}).items()}
    >>> kinds
    {'lr': 'float', 'units': 'categorical'}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from model_trainer.errors import InputError


@dataclass
class Dim:
    name: str
    kind: str                       # float | int | categorical
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: list[Any] | None = None

    def suggest(self, trial: Any) -> Any:
        if self.kind == "float":
            return trial.suggest_float(self.name, self.low, self.high, log=self.log)
        if self.kind == "int":
            return trial.suggest_int(self.name, int(self.low), int(self.high), log=self.log)
        return trial.suggest_categorical(self.name, self.choices)

    def describe(self) -> str:
        if self.kind == "categorical":
            return f"{self.name}: {self.choices}"
        return f"{self.name}: [{self.low:g}, {self.high:g}]" + (" (log scale)" if self.log else "") + \
            (" (integers)" if self.kind == "int" else "")

    def at_edge(self, value: float, share: float = 0.05) -> bool:
        """Within ``share`` of either end of the range (on the log scale when the range is)."""
        if self.kind == "categorical" or self.low is None or self.high is None:
            return False
        f = math.log if self.log else (lambda v: v)
        lo, hi, v = f(self.low), f(self.high), f(value)
        return (v - lo) <= share * (hi - lo) or (hi - v) <= share * (hi - lo)


def parse_space(space: dict[str, Any], config: dict[str, Any], path: Any = None) -> dict[str, Dim]:
    if not space:
        raise InputError("the search space is empty", path=path, where="search.space",
                         hint='add entries such as lr = { low = 1e-4, high = 0.1, log = true } under [search.space]')
    dims: dict[str, Dim] = {}
    for name, spec in space.items():
        where = f"search.space.{name}"
        if name not in config:
            raise InputError(f"`{name}` is searched but not in [config], so the training code would never read it",
                             path=path, where=where, hint=f"add `{name}` to [config] with its default value")
        if isinstance(spec, list):
            if len(spec) < 1:
                raise InputError(f"`{name}` has an empty list of choices", path=path, where=where)
            dims[name] = Dim(name, "categorical", choices=list(spec))
            continue
        if not isinstance(spec, dict) or "low" not in spec or "high" not in spec:
            raise InputError(f"`{name}` must be a list of choices or {{ low = ..., high = ..., log = ... }}, got "
                             f"{spec!r}", path=path, where=where)
        extra = set(spec) - {"low", "high", "log"}
        if extra:
            raise InputError(f"`{name}` has unknown key(s) {sorted(extra)}; allowed: low, high, log", path=path,
                             where=where)
        low, high, log = spec["low"], spec["high"], bool(spec.get("log", False))
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)) or low >= high:
            raise InputError(f"`{name}` needs numbers with low < high, got low={low!r}, high={high!r}", path=path,
                             where=where)
        if log and low <= 0:
            raise InputError(f"`{name}` is on a log scale, so low must be > 0, got {low!r}", path=path, where=where)
        kind = "int" if isinstance(low, int) and isinstance(high, int) else "float"
        dims[name] = Dim(name, kind, float(low), float(high), log)
    return dims
