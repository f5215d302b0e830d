"""The learning rate actually used per epoch against the configured one: a schedule stepped too often.

A cosine or step schedule stepped once per epoch keeps at least half of the configured rate over the first half of
training (cosine is at 50% at mid-run; a step schedule of the usual thirds at 10%). Below ``COLLAPSE_SHARE`` of it
by mid-run, the schedule advances far faster than planned: usually ``scheduler.step()`` called per batch.

Example:
    >>> lr_collapse([0.1, 1e-4, 1e-7, 1e-10], 0.1)["epoch"]
    2
"""

from __future__ import annotations

import math
from typing import Any

COLLAPSE_SHARE = 0.01


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
