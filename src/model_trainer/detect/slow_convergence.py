"""``slow_convergence``: still clearly improving at the end, and still near the constant predictor.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 10 - 0.2 * i, "metric": 3.0}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts(baseline_metric=3.1)).symptom
    'slow_convergence'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Facts, Finding, loss_key, metric_vs_baseline, rel_improvement, series
from model_trainer.events import EpochLogged


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    if not facts.finished or len(history) < 4:
        return None
    losses = series(history, loss_key(history))
    q = max(len(losses) // 4, 1)
    tail = rel_improvement(losses, -q - 1)
    ratio = metric_vs_baseline(history, facts)
    if tail >= T.SLOW_TAIL_IMPROVEMENT and ratio is not None and ratio >= T.UNDERFIT_BASELINE_RATIO:
        return Finding("slow_convergence", history[-1].epoch,
                       f"the loss still fell {tail:.0%} over the last {q} epochs, yet the best {facts.metric} is "
                       f"{ratio:.0%} of the constant predictor's",
                       {"tail_improvement": tail, "baseline_ratio": ratio, "baseline": facts.baseline_metric})
    return None
