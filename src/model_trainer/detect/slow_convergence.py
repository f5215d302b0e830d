"""``slow_convergence``: still falling steadily at the end, and still near the constant predictor.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 10 - 0.2 * i, "metric": 3.0}, 0.1) for i in range(1, 21)]
    >>> detect(h, Facts(baseline_metric=3.1)).symptom
    'slow_convergence'
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import Descriptor, Facts, Finding, loss_key, metric_vs_baseline, rel_improvement, series
from model_trainer.events import EpochLogged
from model_trainer.probes.error_messages import solver_stopped
from model_trainer.records.fmt import share

DESCRIPTOR = Descriptor("slow_convergence", "CONVERGENCE", online=False, horizon=True,
    causes=(
        "insufficient_training", "unscaled_features", "unscaled_target", "learning_rate_too_low",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "rescale_parameters", "log_transform", "standardize", "standardize_target", "more_iterations", "raise_lr",
        "adam", "more_epochs", "switch_loss", "tighter_tolerance",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    conv = [w for w in facts.warnings if w.startswith(("ConvergenceWarning", "SolverOutput"))]
    if conv:
        # the optimiser itself says it stopped before converging (scikit-learn's max_iter, scipy's printed message)
        said = solver_stopped(conv[0]) if conv[0].startswith("SolverOutput") else None
        what = (f"the optimiser stopped at its iteration limit, not at a minimum (\"{said}\")"
                if said else f"the solver did not converge: {conv[0]}")
        return Finding("slow_convergence", history[-1].epoch if history else None, what, {"warning": conv[0]})
    early = _stopped_by_tolerance(history, facts)
    if early is not None:
        return early
    if (facts.diagnostics or {}).get("optimizer_converged") is True:
        return None  # "still falling" is never claimed against an optimiser that reported convergence
    if not facts.finished or len(history) < 4 or stopped_early(history, facts):
        return None
    losses = series(history, loss_key(history))
    if not still_falling(losses):
        return None
    q = max(len(losses) // 4, 1)
    tail = rel_improvement(losses, -q - 1)
    ratio = metric_vs_baseline(history, facts)
    if ratio is not None and ratio >= T.UNDERFIT_BASELINE_RATIO:
        evidence: dict[str, Any] = {"tail_improvement": tail, "baseline_ratio": ratio,
                                    "baseline": facts.baseline_metric}
        if len(history) < T.MIN_CURVE_EPOCHS:
            # a handful of epochs still falling is no curve to read a rate from: more of the same training first
            evidence["cause"] = "insufficient_training"
        return Finding("slow_convergence", history[-1].epoch,
                       f"the loss was still falling steadily at the end ({tail:.1%} over the last {q} epochs), yet "
                       f"the best {facts.metric} is {share(ratio)} of the constant predictor's", evidence)
    return None


def _stopped_by_tolerance(history: list[EpochLogged], facts: Facts) -> Finding | None:
    """The user's scipy fit reported success after fewer iterations than it has parameters, under a loose stopping
    tolerance from [config]: a quasi-Newton fit has not even sampled every direction of its parameters by then, so
    "converged" means the tolerance stopped it (``kinds/function._SolverWatch`` records the last fit)."""
    from model_trainer.repairs.tighter_tolerance import loose_tolerance

    d = facts.diagnostics or {}
    nit, k = d.get("fit_iterations"), d.get("fit_params")
    key = loose_tolerance(facts.config)
    if d.get("fit_success") is not True or not isinstance(nit, int) or not isinstance(k, int) or key is None \
            or nit >= k:
        return None
    return Finding("slow_convergence", history[-1].epoch if history else None,
                   f"the optimiser reported convergence (\"{d.get('fit_message', '')}\") after {nit} iteration"
                   f"{'s' if nit != 1 else ''} for {k} parameters, stopped by {key} = {facts.config[key]}: too few "
                   "steps to have converged", {"cause": "insufficient_training", "tolerance_key": key,
                                              "iterations": nit, "parameters": k})


def stopped_early(history: list[EpochLogged], facts: Facts) -> bool:
    """Early stopping ended the run before its planned epochs: its last epochs say nothing about speed."""
    patience = int(facts.config.get("early_stopping_patience") or 0)
    return bool(patience) and facts.epochs_planned is not None and len(history) < facts.epochs_planned


def still_falling(losses: list[float]) -> bool:
    """Most of the last half's changes are decreases and the last quarter still improved measurably."""
    half = losses[len(losses) // 2:]
    diffs = [b - a for a, b in pairwise(half)]
    if not diffs:
        return False
    q = max(len(losses) // 4, 1)
    share = sum(d < 0 for d in diffs) / len(diffs)
    return share >= T.SLOW_DECREASING_SHARE and rel_improvement(losses, -q - 1) >= T.PLATEAU_IMPROVEMENT
