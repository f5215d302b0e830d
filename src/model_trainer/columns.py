"""One vocabulary for history columns: the contract's names (CONTRACT §6) and what other tools call them.

Used wherever a history comes from outside the monitor's own ``log_epoch`` keywords: a history returned by
``train_model`` (dict, DataFrame, Keras ``History``), and the logs ``diagnose`` reads (Keras and Lightning
CSVLoggers, plain logs). Where a source has several names for one column the earlier in ``ALIASES`` wins: an
epoch-level column over a step-level one, a loss over a metric.

Example:
    >>> chosen(["epoch", "loss", "val_loss", "val_mae", "lr"])
    {'loss': 'train_loss', 'val_loss': 'val_loss', 'lr': 'lr', 'val_mae': 'metric'}
    >>> chosen(["loss", "val_loss", "mae", "val_mae"], metric="rmse")
    {'loss': 'train_loss', 'val_loss': 'val_loss'}
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
# The spec's metric -> what other tools call its value on validation data. Keras logs a validation metric as
# ``val_<name>`` and the same metric on the training data under the bare name, which is never taken for the
# validation metric where the spec's metric is known. A validation metric of another kind (``val_mae`` for a spec
# scored in rmse) is not taken for it either: it stays a column of its own, and the model is judged by its own
# predictions on the validation data.
METRIC_ALIASES: dict[str, tuple[str, ...]] = {
    "rmse": ("val_rmse", "val_root_mean_squared_error"),
    "mse": ("val_mse", "val_mean_squared_error"),
    "mae": ("val_mae", "val_mean_absolute_error"),
    "accuracy": ("val_accuracy", "val_acc"),
    "r2": ("val_r2", "val_r2_score"),
    "f1": ("val_f1", "val_f1_score"),
    "auc": ("val_auc",),
}
_FIRST: dict[str, str] = {}
for _src, _dst in ALIASES:
    _FIRST.setdefault(_src, _dst)


def _key(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_")


def canonical(name: str) -> str | None:
    """The history column ``name`` stands for, or None when it is none of them."""
    return _FIRST.get(_key(name))


def chosen(names: Iterable[str], metric: str | None = None) -> dict[str, str]:
    """Source name -> history column for the names a source has: one source per column, the preferred one.

    With the spec's ``metric``, only ``metric`` itself or that metric's validation names (``val_<metric>`` and
    ``METRIC_ALIASES``) become the ``metric`` column; without it (a foreign log), any of ``ALIASES``'.
    """
    by_key = {_key(n): n for n in names}
    pairs = ALIASES
    if metric is not None:
        pairs = tuple(p for p in ALIASES if p[1] != "metric") + tuple(
            (src, "metric") for src in ("metric", f"val_{_key(metric)}", *METRIC_ALIASES.get(metric, ())))
    out: dict[str, str] = {}
    for src, dst in pairs:
        if src in by_key and dst not in out.values():
            out[by_key[src]] = dst
    return out


__all__ = ["ALIASES", "HISTORY_COLUMNS", "METRIC_ALIASES", "canonical", "chosen"]
