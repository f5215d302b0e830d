"""Can the output layer reach the target's range? The predictions' range on validation against the target's.

Example:
    >>> output_range(0.0, 6.0, -4.0, 6.0)["uncovered"]
    0.4
    >>> capped({"pred_at_max": 0.23, "pred_distinct": 0.77, "pred_max": 148.4}, 1087.0)
    True
"""

from __future__ import annotations

from typing import Any

# The share of the target's training range the predictions never reach for the output layer to be suspected: a
# healthy regressor shrinks toward the mean a little (its extremes fall short by a few percent of the range);
# a third of the range out of reach is a bound, not shrinkage.
UNCOVERED_SHARE = 0.3
# A cap: at least this share of the validation rows answered with exactly the largest prediction, by a model whose
# answers are otherwise distinct (at least CAP_DISTINCT of them unique, so that a tree's or a lookup's shared
# leaves are no pile), while the target passes that value. One row in twenty on one value is no coincidence for a
# smooth model; a clamp or clip in its code gives every row above the bound the same answer.
CAP_SHARE = 0.05
CAP_DISTINCT = 0.5


def output_range(pred_min: float, pred_max: float, target_min: float,
                 target_max: float) -> dict[str, Any] | None:
    """The uncovered share of the target's range, with the side, when it reaches ``UNCOVERED_SHARE``."""
    span = target_max - target_min
    if not span > 0:
        return None
    # a share of the target's own range: predictions wholly beyond it leave all of it uncovered, never more
    below = min(1.0, max(0.0, pred_min - target_min) / span)
    above = min(1.0, max(0.0, target_max - pred_max) / span)
    uncovered = round(min(1.0, below + above), 6)
    if uncovered < UNCOVERED_SHARE:
        return None
    side = "below" if below >= above else "above"
    return {"uncovered": uncovered, "side": side, "below": below, "above": above, "pred_min": pred_min,
            "pred_max": pred_max,
            "target_min": target_min, "target_max": target_max}


def capped(stats: dict[str, Any], target_max: float) -> bool:
    """Do the predictions pile up on their largest value, below the target's largest (``CAP_SHARE``)?"""
    at_max, distinct, hi = stats.get("pred_at_max"), stats.get("pred_distinct"), stats.get("pred_max")
    if not all(isinstance(v, (int, float)) for v in (at_max, distinct, hi)):
        return False
    # a pile at both ends is what averaging models (trees, neighbours) give rows beyond their data on either side
    at_min = stats.get("pred_at_min")
    one_sided = not isinstance(at_min, (int, float)) or at_min < CAP_SHARE
    return bool(at_max >= CAP_SHARE and distinct >= CAP_DISTINCT and hi < target_max  # type: ignore[operator]
                and one_sided)
