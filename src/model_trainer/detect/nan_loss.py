"""``nan_loss``: a non-finite loss or metric; reports the onset epoch and the trend before it.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(1, {"train_loss": 1.0}, 0.1), EpochLogged(2, {"train_loss": float("nan")}, 0.1)]
    >>> detect(h, Facts()).onset_epoch
    2
"""

from __future__ import annotations

import math

from model_trainer.detect.base import Descriptor, Facts, Finding, finite, series
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num

DESCRIPTOR = Descriptor("nan_loss", "NUMERICAL", online=True, horizon=False,
    causes=(
        "invalid_data", "learning_rate_too_high", "unscaled_features", "unscaled_target",
        "gradient_heterogeneity", "numerical_overflow",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "drop_non_finite_rows", "drop_constant_columns", "lower_lr", "standardize", "standardize_target",
        "clip_gradients", "adam",
        "shrink_init", "log_transform",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    d = facts.diagnostics or {}
    overflow = [w for w in facts.warnings if "overflow" in w]
    if "nll" in d and overflow and (not d.get("converged", True) or not math.isfinite(float(d.get("nll", 0.0))) or
                           int(d.get("iterations", 1)) <= 1):
        return Finding("nan_loss", history[-1].epoch if history else None,
                       f"the likelihood overflowed during the fit ({overflow[0]}); the optimizer "
                       + ("did not converge" if not d.get("converged", True) else "made no progress"),
                       {"overflow": overflow[0]})
    for e in history:
        bad = [k for k in ("train_loss", "val_loss", "metric") if (v := e.get(k)) is not None and not math.isfinite(v)]
        if not bad:
            continue
        before = [x for x in history if x.epoch < e.epoch]
        losses = finite(series(before, "train_loss") or series(before, "val_loss"))
        grads = finite(series(before, "grad_norm"))
        trend = ""
        if len(losses) >= 2:
            trend = f"; the loss went {num(losses[0])} -> {num(losses[-1])} over the {len(losses)} epochs before"
        elif losses:
            trend = f"; the last finite loss was {num(losses[-1])}"
        if grads:
            trend += f", gradient norm up to {num(max(grads))}"
        return Finding("nan_loss", e.epoch, f"{', '.join(bad)} became {num(e.get(bad[0]))} at epoch {e.epoch}"
                       + trend,
                       {"onset_epoch": e.epoch, "losses_before": losses[-5:],
                        "max_grad_before": max(grads, default=None),
                        "first_loss": losses[0] if losses else None,
                        "last_finite_loss": losses[-1] if losses else None})
    return None
