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


def _returned_calls(forwards: list[ast.FunctionDef]) -> set[str]:
    """The names of what the ``forward`` methods return the output of: ``return self.head(h)`` or ``out =
    self.head(h); return out`` give ``head``."""
    out: set[str] = set()
    for fn in forwards:
        assigned = {t.id: n.value for n in ast.walk(fn) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                    for t in n.targets if isinstance(t, ast.Name)}
        for ret in (n for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None):
            value = assigned.get(ret.value.id) if isinstance(ret.value, ast.Name) else ret.value
            if isinstance(value, ast.Call) and (name := _name(value)):
                out.add(name)
    return out


def _hidden_blocks(tree: ast.AST, forwards: list[ast.FunctionDef]) -> set[int]:
    """Line numbers of ``Sequential(...)`` blocks a ``forward`` calls but does not return: a body whose output a
    separate head maps on, so its last activation bounds a hidden layer, not the prediction."""
    if not forwards:
        return set()
    called = {_name(n) for fn in forwards for n in ast.walk(fn) if isinstance(n, ast.Call)}
    returned = _returned_calls(forwards)
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _name(node.value) == "Sequential":
            names = {t.attr if isinstance(t, ast.Attribute) else t.id if isinstance(t, ast.Name) else None
                     for t in node.targets}
            if names & called and not names & returned:
                hidden.add(node.value.lineno)
    return hidden


def output_findings(source: str, filename: str) -> list[dict[str, Any]]:
    """The lines where the user's code bounds the model's output, one finding each.

    A ``Sequential`` body that ``forward`` passes on to a separate head is no output layer:

        >>> src = ("class Net:\\n    def __init__(self):\\n"
        ...        "        self.body = nn.Sequential(nn.Linear(3, 8), nn.Tanh())\\n"
        ...        "        self.head = nn.Linear(8, 1)\\n"
        ...        "    def forward(self, x):\\n        return self.head(self.body(x))\\n")
        >>> output_findings(src, "model.py")
        []
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    hits: list[tuple[int, str]] = []
    forwards = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "forward"]
    hidden = _hidden_blocks(tree, forwards)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "forward":
            for ret in [n for n in ast.walk(node) if isinstance(n, ast.Return) and isinstance(n.value, ast.Call)]:
                name = _name(ret.value)  # type: ignore[arg-type]
                if name in _BOUNDED:
                    hits.append((ret.lineno, name))
        if isinstance(node, ast.Call) and _name(node) == "Sequential" and node.args and node.lineno not in hidden:
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
