"""Spec-time checks of an MLE module's ``PARAMS`` from its source (parsed, not imported: the user's code runs
only in the child). A ``covariate`` must be a number per parameter (tiers are cut on it); a string there is
bad input, reported with the file, line and parameter before any run starts.

Example:
    >>> src = 'PARAMS = [{"name": "b1", "init": 0.3, "covariate": "high"}]'
    >>> covariate_errors(src)[0][1]
    "parameter `b1`: `covariate` is 'high' (a str), not a number"
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError


def covariate_errors(source: str) -> list[tuple[int, str]]:
    """(line, problem) for each literal non-numeric ``covariate`` in the top-level ``PARAMS``; values computed at
    import time cannot be read here and are checked when the fit starts (``mle/reparam.py``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # the entrypoint check reports syntax errors
    out = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PARAMS"
                                                     for t in node.targets)):
            continue
        for d in ast.walk(node.value):
            if not isinstance(d, ast.Dict):
                continue
            fields: dict[str, Any] = {k.value: v for k, v in zip(d.keys, d.values, strict=True)
                                      if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            cov = fields.get("covariate")
            if isinstance(cov, ast.Constant) and cov.value is not None and (
                    isinstance(cov.value, (str, bool, bytes)) or not isinstance(cov.value, (int, float))):
                name = fields.get("name")
                label = f"`{name.value}`" if isinstance(name, ast.Constant) else "(computed name)"
                out.append((cov.lineno, f"parameter {label}: `covariate` is {cov.value!r} "
                                        f"(a {type(cov.value).__name__}), not a number"))
    return out


def check_params(entry_file: Path) -> None:
    """Raise :class:`InputError` (exit 2) naming the file, line and parameter of the first bad covariate."""
    if not entry_file.is_file():
        return  # the entrypoint check reports a missing file
    problems = covariate_errors(entry_file.read_text(encoding="utf-8", errors="replace"))
    if problems:
        line, what = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{what}{more}", path=entry_file, where=f"line {line}, PARAMS",
                         hint="a covariate is one number per parameter (traffic, population, distance) that tiers "
                              "are cut on; give a number, or put a category in `group` instead")
