"""Where the user's source bounds a regression model's output: the bounded activation applied last.

Looks at what ``forward`` methods return and at the last layer of ``nn.Sequential(...)``: a ``sigmoid``, ``tanh``,
``softmax`` or ``relu`` there limits every prediction to (0, 1), (-1, 1), a simplex or [0, inf). Read only when
the predictions' range already failed to cover the target's (``probes/output_range.py``), so the line named is
evidence, not a guess.

Example:
    >>> src = "class Net:\\n    def forward(self, x):\\n        return torch.sigmoid(self.fc(x))\\n"
    >>> output_findings(src, "model.py")[0]["line"]
    3
"""

from __future__ import annotations

import ast
from typing import Any

_BOUNDED = {"sigmoid": "(0, 1)", "tanh": "(-1, 1)", "softmax": "a probability simplex", "relu": "[0, inf)",
            "Sigmoid": "(0, 1)", "Tanh": "(-1, 1)", "Softmax": "a probability simplex", "ReLU": "[0, inf)"}


# the interval each bounded activation's output lies in
_INTERVAL = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "softmax": (0.0, 1.0), "relu": (0.0, float("inf"))}


def excludes(activation: str, target_min: float, target_max: float) -> bool:
    """The activation's outputs cannot reach part of the target's range: a ReLU bounds nothing for a target that is
    never negative (a hidden block ending in one is no output bound either).

    Example:
        >>> excludes("relu", 41.0, 662.0), excludes("relu", -3.0, 5.0), excludes("sigmoid", 41.0, 662.0)
        (False, True, True)
    """
    lo, hi = _INTERVAL.get(activation.lower(), (-float("inf"), float("inf")))
    return target_min < lo or target_max > hi


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def output_findings(source: str, filename: str) -> list[dict[str, Any]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    hits: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "forward":
            for ret in [n for n in ast.walk(node) if isinstance(n, ast.Return) and isinstance(n.value, ast.Call)]:
                name = _name(ret.value)  # type: ignore[arg-type]
                if name in _BOUNDED:
                    hits.append((ret.lineno, name))
        if isinstance(node, ast.Call) and _name(node) == "Sequential" and node.args:
            last = node.args[-1]
            if isinstance(last, ast.Call) and _name(last) in _BOUNDED:
                hits.append((last.lineno, _name(last)))  # type: ignore[arg-type]
    out = []
    for line, name in sorted(set(hits)):
        out.append({"cause": "output_range_mismatch", "file": filename, "line": line, "activation": name.lower(),
                    "what": f"the model's output passes through `{name}`, which bounds every prediction to "
                            f"{_BOUNDED[name]}",
                    "fix": "return the last layer's output unbounded for a regression target (or rescale the target "
                           "into that range)"})
    return out
