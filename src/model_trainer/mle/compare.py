"""Two fits compared the way a paper would: NLL, AIC, BIC, validation RMSE and condition number before
and after, which model the information criteria favour and by how much, and whether the change did anything.

Example:
    >>> a = {"nll": 100.0, "aic": 210.0, "bic": 220.0, "condition_number": 1e9, "val_rmse": 2.0, "n_params": 5}
    >>> b = {"nll": 101.0, "aic": 206.0, "bic": 205.0, "condition_number": 40.0, "val_rmse": 1.9, "n_params": 2}
    >>> c = compare(a, b)
    >>> c["no_effect"], c["aic"]["favours"], c["bic"]["strength"]
    (False, 'after', 'decisive')
"""

from __future__ import annotations

import math
from typing import Any

from model_trainer.detect import thresholds as T

KEYS = ("nll", "aic", "bic", "val_rmse", "condition_number", "n_params")


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        return a == b
    return abs(a - b) <= T.MLE_NO_EFFECT_REL * max(1.0, abs(a), abs(b))


def strength(delta: float) -> str:
    """Burnham & Anderson's reading of an information-criterion difference."""
    d = abs(delta)
    if d < T.MLE_IC_WEAK:
        return "no real difference"
    return "decisive" if d > T.MLE_IC_DECISIVE else "positive"


def criterion(before: float, after: float) -> dict[str, Any]:
    delta = after - before
    if not (math.isfinite(before) and math.isfinite(after)):
        # an NLL at the float limit (a likelihood that overflowed or is unbounded at the estimates) is no evidence
        # for either model: no difference to read
        return {"before": before, "after": after, "delta": None, "difference": None, "favours": "neither",
                "strength": "not comparable"}
    favours = "neither" if abs(delta) < T.MLE_IC_WEAK else ("after" if delta < 0 else "before")
    # ``difference`` is the size a sentence states ("favours ... by 205.1"), kept so that it is a recorded number
    return {"before": before, "after": after, "delta": delta, "difference": abs(delta), "favours": favours,
            "strength": strength(delta)}


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Before/after values, the information-criterion reading, and ``no_effect``: NLL, AIC and condition
    number all unchanged (a change that did nothing is not a test result)."""
    out: dict[str, Any] = {k: {"before": before.get(k), "after": after.get(k)} for k in KEYS}
    for ic in ("aic", "bic"):
        if before.get(ic) is not None and after.get(ic) is not None:
            out[ic] = criterion(float(before[ic]), float(after[ic]))
    out["no_effect"] = all(_same(before.get(k), after.get(k)) for k in ("nll", "aic", "condition_number"))
    out["line"] = line(out)
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    v = float(v)
    # no thousands separators: a reader (and the traceability gate) takes "1,740,356.1" for three numbers
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return f"{v:.4g}" if abs(v) < 1e4 or abs(v) >= 1e7 else f"{v:.1f}"


def line(c: dict[str, Any]) -> str:
    """One sentence: the numbers, then what AIC and BIC say."""
    if c["no_effect"]:
        return (f"no effect: NLL {_fmt(c['nll']['before'])}, AIC {_fmt(c['aic']['before'])} and condition number "
                f"{_fmt(c['condition_number']['before'])} are unchanged")
    parts = [f"{k.upper() if k in ('aic', 'bic') else k.replace('_', ' ')} {_fmt(c[k]['before'])} -> "
             f"{_fmt(c[k]['after'])}" for k in ("nll", "aic", "bic", "val_rmse", "condition_number", "n_params")
             if c[k].get("before") is not None or c[k].get("after") is not None]
    verdicts = []
    for ic in ("aic", "bic"):
        d = c[ic]
        if "delta" not in d:
            continue
        if d["strength"] == "not comparable":
            verdicts.append(f"{ic.upper()} is not finite, so it compares nothing")
        elif d["favours"] == "neither":
            verdicts.append(f"{ic.upper()} differs by {d['difference']:.3g} (no real difference)")
        else:
            model = "the changed model" if d["favours"] == "after" else "the model before the change"
            verdicts.append(f"{ic.upper()} favours {model} by {d['difference']:.1f} ({d['strength']})")
    return "; ".join(parts) + (". " + "; ".join(verdicts) if verdicts else "")
