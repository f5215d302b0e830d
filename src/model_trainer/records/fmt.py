"""Number formatting shared by every writer, so the log, the diary and the tables agree."""

from __future__ import annotations

import math


def num(value: float | None, digits: int = 4) -> str:
    """Fixed point for ordinary magnitudes, scientific for tiny or huge ones; ``nan``/``inf`` as such."""
    if value is None:
        return ""
    v = float(value)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v != 0 and (abs(v) < 10 ** -(digits - 1) or abs(v) >= 1e6):
        return f"{v:.{digits - 1}e}"
    return f"{v:.{digits}f}"


def short(value: float | None) -> str:
    """Compact form for config values and learning rates (``0.01``, ``1e-05``)."""
    if value is None:
        return ""
    return f"{float(value):g}"


def share(ratio: float, digits: int = 0) -> str:
    """A ratio to another value as a percentage (``95%``), or as a multiple once it passes ten times (``5.1e+17x``),
    where a percentage would run to twenty digits.

    >>> share(0.95), share(0.032, 1), share(5.1e17)
    ('95%', '3.2%', '5.1e+17x')
    """
    if not math.isfinite(ratio) or abs(ratio) < 10:
        return f"{ratio:.{digits}%}"
    return f"{ratio:.3g}x"
