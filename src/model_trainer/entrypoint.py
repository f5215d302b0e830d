"""Resolve and check ``[model] entrypoint`` in the parent without running the user's code.

The file is parsed, not imported: a syntax error or a missing function is bad input (exit 2),
found before any run starts and before anything is written.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from model_trainer.errors import InputError
from model_trainer.spec import Spec

DEFAULT_FUNCTION = {"function": "train_model", "torch": "build_model", "sklearn": "build_estimator", "mle": None}


@dataclass
class Entrypoint:
    file: Path | None
    module: str | None
    function: str | None
    arity: int | None = None   # positional parameters of the function, when it could be read from the source

    @property
    def code_dir(self) -> str | None:
        return str(self.file.parent) if self.file else None


def _top_level_names(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
    return names


def resolve_entrypoint(spec: Spec) -> Entrypoint:
    raw = spec.model.entrypoint.strip()
    kind = spec.model.kind
    target, _, func = raw.rpartition(":") if ":" in raw else (raw, "", "")
    function = func or DEFAULT_FUNCTION[kind]
    looks_like_file = target.endswith(".py") or "/" in target or "\\" in target
    if not looks_like_file:
        if importlib.util.find_spec(target) is None:
            raise InputError(f"module `{target}` (from `model.entrypoint`) cannot be found", path=spec.path,
                             hint="use FILE.py:FUNCTION relative to the spec, or an importable package.module")
        return Entrypoint(file=None, module=target, function=function)
    path = spec.resolve(target)
    if not path.is_file():
        raise InputError(f"entrypoint file `{target}` not found (looked at {path})", path=spec.path,
                         where="model.entrypoint", hint="fix `model.entrypoint`; it is relative to the spec's folder")
    source = path.read_text(encoding="utf-8", errors="replace")
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise InputError(f"syntax error: {exc.msg}", path=path, where=f"line {exc.lineno}, column {exc.offset}",
                         hint=f"fix the code at that line: {(exc.text or '').strip()!r}") from exc
    if function is not None:
        names = _top_level_names(tree)
        if function not in names:
            defs = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            close = difflib.get_close_matches(function, defs, n=1)
            hint = f"did you mean `{close[0]}`?" if close else (
                f"functions defined there: {', '.join(defs) or 'none'}")
            raise InputError(f"function `{function}` is not defined in {path.name}", path=spec.path,
                             where="model.entrypoint", hint=hint)
    arity = None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            a = node.args
            arity = 4 if a.vararg else len(a.posonlyargs) + len(a.args)
    return Entrypoint(file=path.resolve(), module=None, function=function, arity=arity)
