"""``underfitting``: the loss has plateaued near the constant predictor's error.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1.0, "metric": 2.9}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts(baseline_metric=3.0)).symptom
    'underfitting'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import (
    Descriptor,
    Facts,
    Finding,
    applicable_references,
    finite,
    fits_training_rows_only,
    loss_key,
    metric_vs_baseline,
    rel_improvement,
    series,
)
from model_trainer.detect.slow_convergence import still_falling
from model_trainer.events import EpochLogged
from model_trainer.records.fmt import share

DESCRIPTOR = Descriptor("underfitting", "PERFORMANCE", online=False, horizon=True,
    causes=(
        "output_range_mismatch", "unscaled_features", "unscaled_target", "learning_rate_too_low",
        "training_loop_bug", "label_corruption", "train_val_mismatch", "insufficient_capacity",
        "excessive_regularization",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "rescale_parameters", "output_activation", "standardize", "standardize_target", "switch_activation",
        "raise_lr", "adam", "more_capacity", "lower_regularization", "switch_loss", "tighter_tolerance",
        "switch_method",
    ),
    # a likelihood behind boosted trees on its own columns has the wrong form (a covariate on the wrong scale, the
    # wrong link, a missing term), or data that differ between the splits
    fit_causes=("code_error", "train_val_mismatch", "invalid_data", "label_corruption"),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    if not facts.finished or len(history) < 4:
        return None
    ratio = metric_vs_baseline(history, facts)
    if ratio is None or ratio < T.UNDERFIT_BASELINE_RATIO:
        return None
    refs = [v for k, v in applicable_references(facts).items() if k != "constant" and v > 0]
    if refs and min(finite(series(history, "metric"))) <= T.UNDERFIT_AT_REFERENCE * min(refs):
        return None  # as good as what a reference model of its class gets from these data: noise, not underfitting
    if fits_training_rows_only(facts, min(finite(series(history, "metric")))) is not None:
        return None  # it fits its training rows as well as a reference fits new ones: the references' rule names it
    losses = series(history, loss_key(history))
    if still_falling(losses):
        return None  # still improving steadily: that is slow convergence
    q = max(len(losses) // 4, 1)
    tail = rel_improvement(losses, -q - 1)
    return Finding("underfitting", history[-1].epoch,
                   f"the best {facts.metric} is {share(ratio)} of the constant predictor's "
                   f"({facts.baseline_metric:.4g}) and the loss has stopped improving",
                   {"baseline_ratio": ratio, "baseline": facts.baseline_metric, "tail_improvement": tail})
