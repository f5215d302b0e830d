"""One vocabulary for history columns: the contract's names (CONTRACT §6) and what other tools call them.

Used wherever a history comes from outside the monitor's own ``log_epoch`` keywords: a history returned by
``train_model`` (dict, DataFrame, Keras ``History``), and the logs ``diagnose`` reads (Keras and Lightning
CSVLoggers, plain logs). Where a source has several names for one column the earlier in ``ALIASES`` wins: an
epoch-level column over a step-level one, a loss over a metric.

Example:
    >>> chosen(["epoch", "loss", "val_loss", "val_mae", "lr"])
    {'loss': 'train_loss', 'val_loss': 'val_loss', 'lr': 'lr', 'val_mae': 'metric'}
    >>> canonical("Val Loss")
    'val_loss'
"""

from __future__ import annotations

from collections.abc import Iterable

from model_trainer.events import HISTORY_COLUMNS

# foreign name (lower case, spaces as underscores) -> history column, by preference
ALIASES: tuple[tuple[str, str], ...] = (
    ("train_loss_epoch", "train_loss"), ("train_loss", "train_loss"), ("loss", "train_loss"),
    ("training_loss", "train_loss"),
    ("val_loss_epoch", "val_loss"), ("val_loss", "val_loss"), ("validation_loss", "val_loss"),
    ("grad_norm", "grad_norm"), ("gradient_norm", "grad_norm"),
    ("lr", "lr"), ("learning_rate", "lr"),
    ("time_s", "time_s"), ("time", "time_s"),
    ("metric", "metric"), ("val_rmse", "metric"), ("val_mae", "metric"), ("val_acc", "metric"),
    ("val_accuracy", "metric"), ("rmse", "metric"), ("mae", "metric"),
)
_FIRST: dict[str, str] = {}
for _src, _dst in ALIASES:
    _FIRST.setdefault(_src, _dst)


def _key(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_")


def canonical(name: str) -> str | None:
    """The history column ``name`` stands for, or None when it is none of them."""
    return _FIRST.get(_key(name))


def chosen(names: Iterable[str]) -> dict[str, str]:
    """Source name -> history column for the names a source has: one source per column, the preferred one."""
    by_key = {_key(n): n for n in names}
    out: dict[str, str] = {}
    for src, dst in ALIASES:
        if src in by_key and dst not in out.values():
            out[by_key[src]] = dst
    return out


__all__ = ["ALIASES", "HISTORY_COLUMNS", "canonical", "chosen"]
