"""``vanishing_gradients``: gradients too small to train while the loss has not converged.

Uses the first- vs last-layer gradient ratio where per-group norms were recorded (``grad_norm.<group>``
columns, in the model's order), else the total norm.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> v = {"train_loss": 1.0, "grad_norm": 1e-3, "grad_norm.first": 1e-9, "grad_norm.last": 1e-3}
    >>> detect([EpochLogged(i, dict(v), 0.1) for i in range(1, 9)], Facts(baseline_metric=None)).symptom
    'vanishing_gradients'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import (
    Descriptor,
    Facts,
    Finding,
    errors_against_references,
    finite,
    loss_key,
    metric_vs_baseline,
    rel_improvement,
    series,
)
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import num

DESCRIPTOR = Descriptor("vanishing_gradients", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "saturating_activation", "bad_initialization", "output_range_mismatch", "learning_rate_too_low",
        "learning_rate_too_high", "excessive_regularization",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "switch_activation", "kaiming_init", "output_activation", "adam", "raise_lr", "lower_lr",
        "lower_regularization", "switch_loss",
    ),
)


def group_columns(history: list[EpochLogged]) -> list[str]:
    cols: list[str] = []
    for e in history:
        cols += [k for k in e.values if k.startswith("grad_norm.") and k not in cols]
    return cols


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    if len(history) < 4:
        return None
    losses = series(history, loss_key(history))
    q = max(len(losses) // 4, 1)
    stuck = rel_improvement(losses, -q - 1) < T.PLATEAU_IMPROVEMENT
    ratio = metric_vs_baseline(history, facts)
    if not stuck or (ratio is not None and ratio < T.UNDERFIT_BASELINE_RATIO) or _at_references(history, facts):
        return None  # small gradients at a good fit mean convergence, not a fault
    last = history[-1]
    groups = group_columns(history)
    if len(groups) >= 2:
        first, final = last.get(groups[0]), last.get(groups[-1])
        if first is not None and final and final > 0 and first / final < T.VANISH_LAYER_RATIO:
            return Finding("vanishing_gradients", last.epoch,
                           f"first-layer gradient norm {num(first)} against {num(final)} for the last layer "
                           f"({first / final:.2g}x) while the loss is flat",
                           {"first_group": groups[0].split(".", 1)[1], "last_group": groups[-1].split(".", 1)[1],
                            "first": first, "last": final,
                            "ratio": first / final})
    grads = finite(series(history, "grad_norm"))
    if (grads and 0 < max(grads[-q:]) <= T.VANISH_CONVERGED_DROP * grads[0]
            and rel_improvement(losses, 0) > T.PLATEAU_IMPROVEMENT):
        return None  # converged to a stationary point: how good the model is there is the underfitting rules' call
    if grads and max(grads[-q:]) < T.VANISH_ABS:
        return Finding("vanishing_gradients", last.epoch,
                       f"gradient norm {num(grads[-1])}, below the {T.VANISH_ABS:g} that counts as none, while "
                       f"the loss is flat at {num(losses[-1])} (vs {num(losses[0])} at the first epoch)",
                       {"grad": grads[-1]})
    return None


def _at_references(history: list[EpochLogged], facts: Facts) -> bool:
    """The model's best metric is as good as a reference of its class gets from these data (errors within
    ``UNDERFIT_AT_REFERENCE``; for a score, one minus it): an optimiser that converged there (a Newton step's
    quadratically falling gradient) has found the fit, not lost its gradient."""
    errors = errors_against_references(history, facts)
    return errors is not None and errors[0] <= T.UNDERFIT_AT_REFERENCE * errors[1]
