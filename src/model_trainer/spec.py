"""The spec file (TOML) as pydantic models, with every validation and its error message.

Example:
    >>> spec = load_spec("spec.toml")          # doctest: +SKIP
    >>> spec.model.kind, spec.config["lr"]     # doctest: +SKIP
    ('function', 0.1)
"""

from __future__ import annotations

import difflib
import math
import re
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from model_trainer.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KINDS = ("function", "torch", "mle", "sklearn")
HIGHER_IS_BETTER = {"accuracy", "auc", "f1", "r2"}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSection(_Section):
    entrypoint: str
    kind: Literal["function", "torch", "mle", "sklearn"] = "function"
    metric: str = "rmse"
    metric_mode: Literal["min", "max"] | None = None

    @property
    def higher_is_better(self) -> bool:
        if self.metric_mode is not None:
            return self.metric_mode == "max"
        return self.metric.lower() in HIGHER_IS_BETTER


class DataSection(_Section):
    train: str
    val: str
    target: str | None = None
    # Columns handed to the user's code but left out of the numeric checks (ids, dates, labels).
    ignore_columns: list[str] = Field(default_factory=list)


class BudgetSection(_Section):
    max_attempts: int = Field(default=6, ge=0)
    time_limit: float = 7200.0

    @field_validator("time_limit", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float:
        return parse_duration(value)


class SearchSection(_Section):
    trials: int = Field(default=30, ge=1)
    space: dict[str, Any] = Field(default_factory=dict)
    sampler: Literal["tpe", "random"] = "tpe"


class DomainSection(_Section):
    target_units: str | None = None
    description: str | None = None
    # Optional: what the parameter groups / features stand for, e.g. {fc1 = "hub cities"}.
    groups: dict[str, str] = Field(default_factory=dict)


class GatesSection(_Section):
    """Domain sanity checks run by `model-trainer gates` on the final model's validation predictions."""
    # [low, high] every prediction must lie in (e.g. [0, 1e6] for case counts)
    bounds: list[float] | None = None
    # expressions over the validation columns and `prediction`, true on every row, e.g. "S + I + R == N"
    checks: list[str] = Field(default_factory=list)
    tolerance: float = 1e-6

    @field_validator("bounds")
    @classmethod
    def _bounds(cls, v: list[float] | None) -> list[float] | None:
        if v is not None and (len(v) != 2 or v[0] > v[1]):
            raise ValueError(f"bounds must be [low, high] with low <= high, got {v!r}")
        return v


class Spec(_Section):
    model: ModelSection
    data: DataSection
    config: dict[str, Any] = Field(default_factory=dict)
    budget: BudgetSection = Field(default_factory=BudgetSection)
    search: SearchSection | None = None
    domain: DomainSection = Field(default_factory=DomainSection)
    gates: GatesSection = Field(default_factory=GatesSection)

    # Set by load_spec, not read from the file.
    path: Path = Field(default=Path("spec.toml"), exclude=True)

    @property
    def root(self) -> Path:
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        p = Path(relative)
        return p if p.is_absolute() else (self.root / p)


_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$")


def parse_duration(value: Any) -> float:
    """``"2h"``, ``"1h30m"``, ``"90s"``, ``45`` (seconds) -> seconds."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration such as \"2h\", \"30m\" or 90 (seconds), got {value!r}")
    if isinstance(value, (int, float)):
        if value <= 0 or not math.isfinite(value):
            raise ValueError(f"a duration must be positive, got {value!r}")
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m and any(m.groups()):
            h, mi, s = (float(g) if g else 0.0 for g in m.groups())
            total = h * 3600 + mi * 60 + s
            if total > 0:
                return total
    raise ValueError(f"expected a duration such as \"2h\", \"30m\" or 90 (seconds), got {value!r}")


def _check_knob(key: str, value: Any) -> str | None:
    """An error text when a knob that a built-in loop applies itself has a value of the wrong type or range.

    Only loop keys of a built-in kind are checked: every other [config] value belongs to the user's code, which
    may give it any meaning (CONTRACT §4).
    """
    num = isinstance(value, (int, float)) and not isinstance(value, bool)
    whole = isinstance(value, int) and not isinstance(value, bool)
    if key == "lr" and not (num and value > 0):
        return f"`{key}` must be a positive number, got {value!r}"
    if key in ("weight_decay", "clip_grad_norm") and not (num and value >= 0):
        return f"`{key}` must be a number >= 0 (0 turns it off), got {value!r}"
    if key == "momentum" and not (num and 0 <= value < 1):
        return f"`{key}` must be a number in [0, 1), got {value!r}"
    if key in ("batch_size", "epochs") and not (whole and value > 0):
        return f"`{key}` must be a whole number > 0, got {value!r}"
    if key in ("early_stopping_patience", "seed") and not (whole and value >= 0):
        return f"`{key}` must be a whole number >= 0, got {value!r}"
    return None


# Names people commonly use for the knobs, for the did-you-mean hint.
_SYNONYMS = {"learning_rate": "lr", "max_epochs": "epochs", "n_epochs": "epochs", "num_epochs": "epochs",
             "grad_clip": "clip_grad_norm", "clip": "clip_grad_norm", "gradient_clip_val": "clip_grad_norm",
             "max_grad_norm": "clip_grad_norm", "patience": "early_stopping_patience", "wd": "weight_decay",
             "l2": "weight_decay", "optim": "optimizer", "bs": "batch_size", "hidden": "hidden_units",
             "hidden_size": "hidden_units", "scheduler": "lr_schedule", "random_state": "seed"}


def _suggest(name: str, options: list[str] | tuple[str, ...]) -> str:
    if _SYNONYMS.get(name) in options:
        return f"; did you mean `{_SYNONYMS[name]}`?"
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names valid at ``loc`` (a pydantic error location) for did-you-mean hints."""
    current: Any = model
    for part in loc[:-1]:
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        ann = field.annotation
        args = getattr(ann, "__args__", ())
        candidates = [ann, *args]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if current is None:
            return []
    return [k for k, f in current.model_fields.items() if not f.exclude]


def _line_of(text: str, loc: tuple[Any, ...]) -> str:
    """Best-effort 'line N' for a key path, so the user can jump to it."""
    lines = text.splitlines()
    section = ".".join(str(p) for p in loc[:-1]) if len(loc) > 1 else None
    key = str(loc[-1])
    in_section = section is None
    for i, line in enumerate(lines, 1):
        s = line.strip()
        if s.startswith("["):
            name = s.strip("[]").strip()
            in_section = section is None or name == section
            if section is None and name == key:
                return f"line {i}"
            continue
        if in_section and re.match(rf"^{re.escape(key)}\s*=", s):
            return f"line {i}"
    return ""


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file; raise :class:`InputError` naming the file, key/line and the fix."""
    p = Path(path)
    if not p.exists():
        raise InputError("spec file not found", path=p,
                         hint="pass the path of a TOML spec; `model-trainer demo` writes an example one")
    if p.is_dir():
        raise InputError("is a folder, not a spec file", path=p, hint="pass the path of the .toml spec inside it")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not a text file ({exc.reason})", path=p, hint="the spec must be UTF-8 TOML") from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=p,
                         hint="fix the syntax at the line given (strings need quotes, tables look like [model])"
                         ) from exc
    try:
        spec = Spec.model_validate(raw)
    except ValidationError as exc:
        raise _explain(exc, p, text) from exc
    spec.path = p.resolve()
    _check_config(spec, text)
    if spec.model.kind == "mle":  # PARAMS' covariates must be numbers (checked from the source, not imported)
        from model_trainer.mle.params_check import check_params

        target = spec.model.entrypoint.strip().split(":")[0]
        if target.endswith(".py"):
            check_params(spec.resolve(target))
    return spec


def _explain(exc: ValidationError, path: Path, text: str) -> InputError:
    msgs = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        key = ".".join(str(x) for x in loc)
        where = _line_of(text, loc)
        if err["type"] == "extra_forbidden":
            options = _allowed_keys(Spec, loc)
            msgs.append((f"unknown key `{key}`{_suggest(str(loc[-1]), options)}", where))
        elif err["type"] == "missing":
            msgs.append((f"missing required key `{key}`", where))
        else:
            msgs.append((f"`{key}`: {err['msg']} (got {err.get('input')!r})", where))
    detail = "; ".join(m for m, _ in msgs)
    where = next((w for _, w in msgs if w), None)
    return InputError(detail, path=path, where=where,
                      hint="see the spec reference in docs/spec.md for the keys each section takes")


def _check_config(spec: Spec, text: str) -> None:
    from model_trainer.kinds import knobs_of

    k = knobs_of(spec.model.kind)
    for key in k.loop:
        if key not in spec.config:
            continue
        value = spec.config[key]
        problem = _check_knob(key, value)
        if problem is None and key in k.choices and value not in k.choices[key]:
            problem = f"`{key}` must be one of {', '.join(k.choices[key])}; got {value!r}"
        if problem:
            raise InputError(problem, path=spec.path, where=_line_of(text, ("config", key)) or None,
                             hint=f"fix `{key}` in [config]")


def config_warnings(spec: Spec) -> list[str]:
    """Did-you-mean warnings for [config] keys a built-in kind does not read itself (a user's builder may read
    them, so they are passed on, not refused)."""
    from model_trainer.kinds import knobs_of

    k = knobs_of(spec.model.kind)
    if not k.model:
        return []  # a kind without a fixed builder vocabulary (sklearn estimators take any keyword)
    return [f"config.{key} is not a knob the built-in {spec.model.kind} loop reads; it is passed to the user's code "
            f"as it is{_suggest(key, k.all)}" for key in spec.config if key not in k.all]
