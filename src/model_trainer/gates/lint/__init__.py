"""``model-trainer lint``: the seed's four anti-patterns, in a diary's prose and in the tool's records.

Rules are a pluggable family, one per file (``base.Rule``): each judges the prose of any ``dev_diary.md``
(hand-written included) and, where they exist, the records (runs, ``dev_diary.json``, the manifest). To add
one, write ``gates/lint/NAME.py`` with a class that has ``pattern``, ``prose(ctx)`` and ``records(ctx)``,
and list it in ``RULES``.

Example:
    >>> [r.pattern for r in RULES]
    ['silent_failure', 'magic_number', 'hiding_failures', 'no_physical_connection']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.gates.lint.base import Context, Problem, Rule
from model_trainer.gates.lint.hiding_failures import HidingFailures
from model_trainer.gates.lint.magic_number import MagicNumber
from model_trainer.gates.lint.no_physical_connection import NoPhysicalConnection
from model_trainer.gates.lint.silent_failure import SilentFailure
from model_trainer.records.diary import read_entries
from model_trainer.records.diary_parse import parse_diary
from model_trainer.records.load import load_run

RULES: list[Rule] = [SilentFailure(), MagicNumber(), HidingFailures(), NoPhysicalConnection()]


def _spec(root: Path) -> Any:
    from model_trainer.spec import load_spec

    manifest = root / "results/model_final.manifest.json"
    candidates = []
    if manifest.exists():
        try:
            path = json.loads(manifest.read_text()).get("spec")
        except ValueError:
            path = None
        if path:
            p = Path(path)
            candidates.append(p if p.is_absolute() else root / p)
    handoff = root / "handoff.json"
    if handoff.exists():
        try:
            said = json.loads(handoff.read_text()).get("spec")
        except (ValueError, AttributeError):
            said = None
        if isinstance(said, str):
            candidates.append(root / said)
    candidates += sorted(root.glob("*.toml"))
    for c in candidates:
        if c.exists():
            try:
                return load_spec(c)
            except Exception:  # noqa: BLE001 - a spec that no longer loads is just not used here
                continue
    return None


def entries_of(json_path: Path) -> list[dict[str, Any]]:
    """``dev_diary.json``'s entries; one that is not a JSON object is bad input naming its position."""
    entries = read_entries(json_path)
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise InputError(f"entry {i} is {type(e).__name__} {e!r:.40}, not a diary entry (a JSON object)",
                             path=json_path, hint="restore the file, or move it aside to check the markdown alone")
    return entries


def context(target: Path, strict: bool = True) -> Context:
    """What the rules read, for a workspace folder or a diary file; ``InputError`` when it is neither. Not
    ``strict``, an unreadable run record is left out (the completeness gate reports it) instead of refused."""
    target = Path(target)
    if target.is_file():
        root, md = target.parent, target
    elif target.is_dir():
        root, md = target, target / "dev_diary.md"
    else:
        raise InputError("no such file or folder", path=target, hint="pass a workspace folder or a dev_diary.md")
    diary = parse_diary(md) if md.exists() else None
    entries = entries_of(root / "dev_diary.json") if target.is_dir() else []
    runs = []
    if target.is_dir():
        for d in sorted((root / "results/runs").glob("*")):
            if (d / "outcome.json").exists():
                try:
                    runs.append(load_run(d))
                except InputError:
                    if not strict:  # the gates report a damaged record themselves
                        continue
                    raise
                except (ValueError, KeyError, TypeError) as exc:
                    if not strict:
                        continue
                    raise InputError(f"unreadable run record: {exc}", path=d / "outcome.json") from exc
    search = ""
    for rel in ("results/hyperparameter_search.md", "results/hyperparameter_search.csv"):
        if (root / rel).exists():
            search += (root / rel).read_text(encoding="utf-8", errors="replace")
    return Context(root=root, diary=diary, diary_name=md.name, entries=entries, runs=runs,
                   spec=_spec(root) if target.is_dir() else None, search_log=search)


def lint(target: str | Path, strict: bool = True) -> list[Problem]:
    """Every anti-pattern found in ``target`` (a workspace folder or a ``dev_diary.md``), prose first."""
    ctx = context(Path(target), strict)
    if strict and ctx.diary is None and not ctx.entries and not ctx.runs:
        raise InputError("no dev_diary.md and no recorded runs to lint", path=Path(target),
                         hint="pass a workspace folder (the one holding dev_diary.md) or a dev_diary.md")
    problems: list[Problem] = []
    for rule in RULES:
        problems += rule.prose(ctx)
    for rule in RULES:
        problems += rule.records(ctx)
    return problems


__all__ = ["RULES", "Context", "Problem", "Rule", "context", "entries_of", "lint"]
