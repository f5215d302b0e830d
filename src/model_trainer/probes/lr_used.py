"""The learning rate actually used per epoch against the configured one: a schedule stepped too often.

A cosine or step schedule stepped once per epoch keeps at least half of the configured rate over the first half of
training (cosine is at 50% at mid-run; a step schedule of the usual thirds at 10%). Below ``COLLAPSE_SHARE`` of it
by mid-run, the schedule advances far faster than planned: usually ``scheduler.step()`` called per batch.

The other way round, a warm-up counted in batches and stepped once per epoch (or one longer than the run) never
lets the rate reach the configured one: below ``SHORT_SHARE`` of it at every epoch, the run trained at a rate its
configuration never asked for.

Example:
    >>> lr_collapse([0.1, 1e-4, 1e-7, 1e-10], 0.1)["epoch"]
    2
    >>> lr_short([1.1e-5, 2.2e-5, 3.3e-5, 4.4e-5], 0.002)["max"]
    4.4e-05
    >>> lr_short([2e-4, 1e-3, 2e-3, 2e-3], 0.002) is None
    True
"""

from __future__ import annotations

import math
from typing import Any

COLLAPSE_SHARE = 0.01
# a quarter: cosine decay passes it only in the last sixth of a run, a warm-up in its first steps
SHORT_SHARE = 0.25
# ...over at least this many epochs (one or two epochs of a warm-up are what a warm-up is)
SHORT_MIN_EPOCHS = 3


def lr_collapse(lrs: list[float | None], configured: float) -> dict[str, Any] | None:
    vals = [(i + 1, v) for i, v in enumerate(lrs) if v is not None and math.isfinite(v)]
    if configured <= 0 or len(vals) < 2:
        return None
    half = max(len(lrs) // 2, 1)
    for epoch, v in vals:
        if epoch > half:
            break
        if v < COLLAPSE_SHARE * configured:
            return {"epoch": epoch, "lr": v, "configured": configured, "epochs": len(lrs)}
    return None


def lr_short(lrs: list[float | None], configured: float) -> dict[str, Any] | None:
    vals = [v for v in lrs if v is not None and math.isfinite(v)]
    if configured <= 0 or len(vals) < SHORT_MIN_EPOCHS or len(vals) < len(lrs):
        return None
    top = max(vals)
    if top >= SHORT_SHARE * configured:
        return None
    return {"max": top, "configured": configured, "epochs": len(lrs), "share": top / configured}
