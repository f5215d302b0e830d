"""Configuration values far outside the range practitioners use: a learning rate 100x an adaptive optimiser's
default or 1/100 of it, any other above 1, a penalty that holds every weight at zero. Each is a suspect an expert
tests before anything else.

Example:
    >>> [o["cause"] for o in out_of_range({"optimizer": "adam", "lr": 1.0, "weight_decay": 50.0})]
    ['learning_rate_too_high', 'excessive_regularization']
    >>> out_of_range({"optimizer": "adam", "lr": 0.001})
    []
    >>> out_of_range({"optimizer": "adam", "lr": 1e-5})[0]["said"]
    'lr 1e-05 with adam (default 0.001; 1/100 of it, at or below 1e-05)'
    >>> out_of_range({"learning_rate": 3.0})[0]["cause"]
    'learning_rate_too_high'
    >>> out_of_range({"optim": "adam", "learning_rate": 0.5})[0]["said"]
    'learning_rate 0.5 with adam (default 0.001; 500x it, at or above 0.1)'
    >>> out_of_range({"hidden_units": [32, 1]})[0]["said"]
    'hidden_units [32, 1] (a hidden layer of at most 2 units)'
    >>> out_of_range({"dropout_rate": 0.8})[0]["said"]
    'dropout_rate 0.8 (at or above 0.6: most units dropped at every step)'

"""

from __future__ import annotations

from typing import Any

from model_trainer import config_keys
from model_trainer.detect import thresholds as T


def _number(config: dict[str, Any], key: str) -> float | None:
    v = config_keys.value(config, key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


# config keys that set hidden-layer widths, in the built-in kinds (hidden_units) and common user configs
WIDTH_KEYS = ("hidden_units", "hidden_layer_sizes", "hidden_size", "hidden_dim")


def widths(config: dict[str, Any]) -> tuple[str, Any, list[int]] | None:
    """The first width key the config gives positive whole numbers: ``(key, value, one width per layer)``."""
    for key in WIDTH_KEYS:
        v = config.get(key)
        vals = list(v) if isinstance(v, (list, tuple)) else [v]
        if vals and all(isinstance(x, int) and not isinstance(x, bool) and x > 0 for x in vals):
            return key, v, vals
    return None


def out_of_range(config: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per value beyond its usual range: ``{"key", "value", "cause", "said"}``."""
    out = []
    own = config_keys.names(config)  # a value is quoted under the name the config gives it
    lr, opt = _number(config, "lr"), str(config_keys.value(config, "optimizer", "")).lower()
    if lr is not None and lr > T.LR_ABOVE_ONE and opt not in T.ADAPTIVE_OPTIMIZERS:
        out.append({"key": "lr", "value": lr, "cause": "learning_rate_too_high",
                    "said": f"{own.get('lr', 'lr')} {lr:g} (above {T.LR_ABOVE_ONE:g}: a step larger than the "
                            "gradient, or a boosting stage added more than in full)"})
    elif lr is not None and opt in T.ADAPTIVE_OPTIMIZERS and lr >= T.ADAPTIVE_LR_HIGH:
        out.append({"key": "lr", "value": lr, "cause": "learning_rate_too_high",
                    "said": f"{own.get('lr', 'lr')} {lr:g} with {opt} (default {T.ADAPTIVE_LR_DEFAULT:g}; "
                            f"{lr / T.ADAPTIVE_LR_DEFAULT:g}x it, at or above {T.ADAPTIVE_LR_HIGH:g})"})
    elif lr is not None and opt in T.ADAPTIVE_OPTIMIZERS and 0 < lr <= T.ADAPTIVE_LR_VERY_LOW:
        out.append({"key": "lr", "value": lr, "cause": "learning_rate_too_low",
                    "said": f"{own.get('lr', 'lr')} {lr:g} with {opt} (default {T.ADAPTIVE_LR_DEFAULT:g}; "
                            f"1/{T.ADAPTIVE_LR_DEFAULT / lr:g} of it, at or below {T.ADAPTIVE_LR_VERY_LOW:g})"})
    wd, alpha, c = _number(config, "weight_decay"), _number(config, "alpha"), _number(config, "C")
    if wd is not None and wd >= T.STRONG_WEIGHT_DECAY:
        out.append({"key": "weight_decay", "value": wd, "cause": "excessive_regularization",
                    "said": f"{own.get('weight_decay', 'weight_decay')} {wd:g} (at or above "
                            f"{T.STRONG_WEIGHT_DECAY:g})"})
    elif alpha is not None and alpha >= T.STRONG_ALPHA:
        out.append({"key": "alpha", "value": alpha, "cause": "excessive_regularization",
                    "said": f"alpha {alpha:g} (at or above {T.STRONG_ALPHA:g})"})
    elif c is not None and 0 < c <= T.WEAK_C:
        out.append({"key": "C", "value": c, "cause": "excessive_regularization",
                    "said": f"C {c:g} (the inverse strength; at or below {T.WEAK_C:g})"})
    drop = _number(config, "dropout")
    if drop is not None and T.STRONG_DROPOUT <= drop < 1:
        out.append({"key": "dropout", "value": drop, "cause": "excessive_regularization",
                    "said": f"{own.get('dropout', 'dropout')} {drop:g} (at or above {T.STRONG_DROPOUT:g}: most "
                            "units dropped at every step)"})
    w = widths(config)
    if w is not None and min(w[2]) <= T.TINY_WIDTH:
        out.append({"key": w[0], "value": w[1], "cause": "insufficient_capacity",
                    "said": f"{w[0]} {list(w[1]) if isinstance(w[1], tuple) else w[1]} (a hidden layer of at most "
                            f"{T.TINY_WIDTH} units)"})
    return out
