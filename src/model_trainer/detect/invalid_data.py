"""``invalid_data``: non-finite values in the data, a feature that is the target in disguise (leakage), or a target
discretised in one split only (a truncating cast applied to one file).

Constant columns and train/validation duplicates are reported in the log as warnings; alone they
do not stop a healthy run.

Example:
    >>> detect([], Facts(data=None)) is None
    True
"""

from __future__ import annotations

from model_trainer.detect.base import Descriptor, Facts, Finding
from model_trainer.events import EpochLogged

DESCRIPTOR = Descriptor("invalid_data", "DATA", online=False, horizon=False,
    causes=(
        "invalid_data", "train_val_mismatch", "label_corruption",
    ),
    # the repairs to test, in order (a measurement may move others to the front)
    repairs=(
        "drop_non_finite_rows", "drop_constant_columns",
    ),
)


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    rep = facts.data
    if rep is None:
        return None
    if rep.non_finite:
        cells = ", ".join(f"`{c}` ({n})" for c, n in rep.non_finite.items())
        return Finding("invalid_data", None, f"non-finite values (NaN/inf) in {cells}",
                       {"non_finite": dict(rep.non_finite)})
    if rep.leakage:
        return Finding("invalid_data", None,
                       f"feature(s) {', '.join(f'`{c}`' for c in rep.leakage)} are perfectly correlated with the "
                       f"target `{rep.target}`: the target leaks into the inputs", {"leakage": list(rep.leakage)})
    d = getattr(rep, "target_discretised", None)
    if d:
        return Finding("invalid_data", None,
                       f"the target `{rep.target}` takes {d['train_values']} distinct values in the training split "
                       f"({d['train_rows']} rows) but {d['val_values']} in validation ({d['val_rows']} rows): the "
                       f"{d['split']} split's target was cast or rounded on its own",
                       {"target_discretised": dict(d), "cause": "train_val_mismatch"})
    return None
