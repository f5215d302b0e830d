"""Can the output layer reach the target's range? The predictions' range on validation against the target's.

Example:
    >>> output_range(0.0, 6.0, -4.0, 6.0)["uncovered"]
    0.4
"""

from __future__ import annotations

from typing import Any

# The share of the target's training range the predictions never reach for the output layer to be suspected: a
# healthy regressor shrinks toward the mean a little (its extremes fall short by a few percent of the range);
# a third of the range out of reach is a bound, not shrinkage.
UNCOVERED_SHARE = 0.3


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
