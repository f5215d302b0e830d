"""What the object the user's code returned shows about itself: whether it answers the same rows the same way twice,
which of its torch modules predict in training mode, and the size of its embedding tables.

A model whose code never switches its network to evaluation mode predicts with dropout still active: each call
drops other units, so two predictions of the same validation rows differ, and each is noisier than the trained
network's. The score the run reports then understates the model, by an amount no knob of the training explains.
``repeat_check`` predicts the rows twice; ``train_mode_modules`` names the torch modules held by the returned object
(a wrapper with its own ``predict``) that are still in training mode and hold dropout or batch-norm layers, the
layers that act differently there; ``to_eval_mode`` switches them, which is what the code's missing ``.eval()``
call would do. ``embedding_rows`` lists the embedding tables and their rows, which the investigation compares with
the codes of the data's integer columns.

Example:
    >>> import numpy as np
    >>> repeat_check(lambda x: np.asarray(x)[:, 0] * 2.0, np.arange(6.0).reshape(3, 2))["pred_repeat_share"]
    0.0
    >>> train_mode_modules(object())
    []
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

# two predictions of the same row that differ by more than this share of the predictions' spread are different
# answers, not float arithmetic (a summation order differs in the seventh digit)
_SAME = 1e-6


def repeat_check(predict: Any, x: Any) -> dict[str, float] | None:
    """The share of rows whose two predictions differ, and the largest difference as a share of the predictions'
    standard deviation; None where predicting fails or returns no finite values."""
    try:
        a = np.asarray(predict(x), dtype=float).reshape(-1)
        b = np.asarray(predict(x), dtype=float).reshape(-1)
    except Exception:  # noqa: BLE001 - a model that cannot predict twice is judged by what else it shows
        return None
    if a.shape != b.shape or not len(a):
        return None
    ok = np.isfinite(a) & np.isfinite(b)
    if not ok.any():
        return None
    a, b = a[ok], b[ok]
    scale = float(np.std(a)) or float(np.mean(np.abs(a))) or 1.0
    gap = np.abs(a - b)
    # beyond float noise both against the spread and against the values' own size (a large offset's last digits)
    differ = (gap > _SAME * scale) & (gap > 1e-5 * float(np.max(np.abs(a))))
    return {"pred_repeat_share": float(np.mean(differ)), "pred_repeat_diff": float(gap.max() / scale)}


def _modules(obj: Any, name: str, depth: int, seen: set[int]) -> list[tuple[str, Any]]:
    from torch import nn

    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, nn.Module):
        return [(name, obj)]
    if depth == 0:
        return []
    if isinstance(obj, dict):
        items = [(f"{name}[{k!r}]", v) for k, v in obj.items()]
    elif isinstance(obj, (list, tuple)):
        items = [(f"{name}[{i}]", v) for i, v in enumerate(obj)]
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        items = [(f"{name}.{k}" if name else k, v) for k, v in vars(obj).items()]
    else:
        return []
    out: list[tuple[str, Any]] = []
    for sub, value in items:
        out += _modules(value, sub, depth - 1, seen)
    return out


def _acts_differently(module: Any) -> bool:
    from torch import nn

    kinds = (nn.modules.dropout._DropoutNd, nn.modules.batchnorm._BatchNorm)
    return any(isinstance(m, kinds) for m in module.modules())


def _in_training_mode(model: Any) -> list[tuple[str, Any]]:
    """The torch modules a returned wrapper holds (two levels down) that are in training mode and hold dropout or
    batch-norm layers, with their names. A bare module is never listed: the tool predicts with it in evaluation mode
    itself."""
    if "torch" not in sys.modules:
        return []
    from torch import nn

    if isinstance(model, nn.Module):
        return []
    return [(name, m) for name, m in _modules(model, "", 2, set()) if m.training and _acts_differently(m)]


def train_mode_modules(model: Any) -> list[str]:
    """The names of the modules ``_in_training_mode`` finds."""
    return [name for name, _ in _in_training_mode(model)]


def to_eval_mode(model: Any) -> list[str]:
    """Switch the modules ``train_mode_modules`` lists to evaluation mode; returns their names."""
    found = _in_training_mode(model)
    for _, m in found:
        m.eval()
    return [name for name, _ in found]


def defined_at(fn: Any) -> str | None:
    """``file:line`` where a Python function is defined (a class's ``predict``, the function that computes a
    gradient), or None where that is not known."""
    import inspect

    try:
        path = inspect.getsourcefile(fn)
        return f"{path}:{inspect.getsourcelines(fn)[1]}" if path else None
    except (OSError, TypeError):
        return None


def embedding_rows(model: Any) -> list[dict[str, Any]]:
    """The ``nn.Embedding`` tables of the returned model (a module, or the modules a wrapper holds two levels
    down): each one's name and number of rows."""
    if "torch" not in sys.modules:
        return []
    from torch import nn

    tops = [("", model)] if isinstance(model, nn.Module) else _modules(model, "", 2, set())
    out = []
    for top, module in tops:
        for name, m in module.named_modules():
            if isinstance(m, nn.Embedding):
                full = ".".join(x for x in (top, name) if x)
                out.append({"name": full or "embedding", "rows": int(m.num_embeddings)})
    return out
