"""What the supervisor asks the child to do: one run, fully described, picklable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    run_id: str
    kind: str
    entry_file: str | None          # the user's file, or None for a package.module entrypoint
    module_name: str | None         # set for package.module entrypoints
    function: str | None            # None for kind = "mle" (a module, not a function)
    config: dict[str, Any]
    train_path: str
    val_path: str
    target: str | None
    ignore_columns: list[str] = field(default_factory=list)
    metric: str = "rmse"
    higher_is_better: bool = False
    data_repairs: dict[str, Any] = field(default_factory=dict)
    stop_after_epochs: int | None = None
    parent_pid: int = 0
