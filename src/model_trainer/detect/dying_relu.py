"""``dying_relu``: most ReLU units never activate on the validation set while the loss is stuck.

Also when nearly every gradient entry is exactly zero in a network with ReLU-family units: dead
units pass no gradient, so the zero-gradient share shows the death even where units downstream of
dead ones still emit a constant. Where the user's loop logs no activations, the returned model's units
measured after the run (``dead_frac``/``dead_layer_frac`` in the run's diagnostics) stand in.

Example:
    >>> from model_trainer.events import EpochLogged
    >>> h = [EpochLogged(i, {"train_loss": 1.0, "dead_frac": 0.9}, 0.1) for i in range(1, 6)]
    >>> detect(h, Facts()).evidence["dead_frac"]
    0.9
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.detect.base import (
    Descriptor,
    Facts,
    Finding,
    finite,
    loss_key,
    metric_vs_baseline,
    rel_improvement,
    series,
)
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("dying_relu", "CONVERGENCE", online=False, horizon=False,
    causes=(
        "learning_rate_too_high", "bad_initialization", "saturating_activation",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "lower_lr", "switch_activation", "kaiming_init",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    dead = series(history, "dead_frac")
    zero = series(history, "zero_grad_frac")
    if len(dead) < 3:
        return _after_run(history, facts)
    by_units = dead[-1] >= T.DEAD_FRACTION
    by_grads = bool(zero) and zero[-1] >= T.ZERO_GRAD_FRACTION
    if not (by_units or by_grads):
        return None
    if not by_units and _nothing_flows(history[-1]) and _answers_one_value(history, facts):
        # the units mostly live and not even the output layer gets a gradient, so dead units do not explain the
        # zero gradients (behind a dead layer the head still learns its bias): something at the output (an
        # exponential underflowing to 0, a saturated head) holds it at one value, and that is the symptom to name
        return None
    losses = series(history, loss_key(history))
    q = max(len(losses) // 4, 1)
    ratio = metric_vs_baseline(history, facts)
    if rel_improvement(losses, -q - 1) >= T.PLATEAU_IMPROVEMENT and (ratio is None or ratio < 1):
        return None  # a sparse but still learning network is not a fault
    def dead_at(e: EpochLogged) -> bool:
        d, z = e.get("dead_frac"), e.get("zero_grad_frac")
        return (d is not None and d >= T.DEAD_FRACTION) or (z is not None and z >= T.ZERO_GRAD_FRACTION)

    onset = next(e.epoch for e in history if dead_at(e))
    why = (f"{dead[-1]:.0%} of ReLU units are never active on the validation set" if by_units else
           f"{zero[-1]:.1%} of gradient entries are exactly zero ({dead[-1]:.0%} of ReLU units never active)")
    return Finding("dying_relu", onset, f"{why} from epoch {onset}, and the loss has stopped improving",
                   {"dead_frac": dead[-1], "zero_grad_frac": zero[-1] if zero else None})


def _nothing_flows(last: EpochLogged) -> bool:
    """Every parameter group's gradient norm (``grad_norm.<group>``, else the whole model's) is exactly zero."""
    groups = [v for k, v in last.values.items() if k.startswith("grad_norm.") and v is not None]
    if groups:
        return all(v == 0 for v in groups)
    g = last.get("grad_norm")
    return g is not None and g == 0


def _answers_one_value(history: list[EpochLogged], facts: Facts) -> bool:
    from model_trainer.detect import constant_output

    found = constant_output.detect(history, facts)
    return found is not None and found.symptom == "constant_output"


def _after_run(history: list[EpochLogged], facts: Facts) -> Finding | None:
    """A user's loop logs no activations; the tool measured the returned model's units on the validation inputs
    after the run (``kinds.common.relu_units``). A whole layer dead passes nothing of the input on, whatever the
    share elsewhere; most units dead counts only for a model still at the constant predictor's level."""
    d = facts.diagnostics or {}
    frac, layer = d.get("dead_frac"), d.get("dead_layer_frac")
    if not isinstance(frac, (int, float)) or not isinstance(layer, (int, float)) or len(history) < 3:
        return None
    losses = finite(series(history, loss_key(history)))
    q = max(len(losses) // 4, 1)
    if len(losses) < 3 or rel_improvement(losses, -q - 1) >= T.PLATEAU_IMPROVEMENT:
        return None  # still learning, or no loss logged to say it stopped
    ratio = metric_vs_baseline(history, facts)
    own = d.get("metric_own")
    if ratio is None and isinstance(own, (int, float)) and facts.baseline_metric and not facts.higher_is_better:
        ratio = own / facts.baseline_metric
    whole_layer = layer >= T.DEAD_LAYER_FRACTION
    if not (whole_layer or (frac >= T.DEAD_FRACTION and ratio is not None and ratio >= T.UNDERFIT_BASELINE_RATIO)):
        return None
    why = (f"a whole layer of ReLU units ({layer:.0%} of it) is never active on the validation set" if whole_layer
           else f"{frac:.0%} of ReLU units are never active on the validation set")
    return Finding("dying_relu", history[-1].epoch, f"{why} after the run (measured on the returned model), and "
                   "the loss has stopped improving", {"dead_frac": frac, "dead_layer_frac": layer})
