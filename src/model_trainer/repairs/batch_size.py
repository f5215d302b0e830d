"""A batch size the error message asks for: one that leaves no last batch of a single row (BatchNorm cannot
normalise one row in training mode), or half the size after the device ran out of memory.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> from model_trainer.probes.data_report import DataReport
    >>> rep = DataReport(n_train=129, n_val=10, features=[], feature_std={}, feature_absmax={}, non_finite={},
    ...                  constant_columns=[], duplicate_rows=0, leakage=[])
    >>> f = Finding("training_error", None, "", {"known_error_knob": "batch_size", "known_error_kind": "last_batch"})
    >>> BatchSize().propose(Context({"batch_size": 64}, {}, f, Facts(data=rep), {"batch_size"})).description
    'batch_size 64 -> 65 (129 training rows leave no last batch of one row)'
    >>> BatchSize().propose(Context({"batch_size": 1}, {}, f, Facts(data=rep), {"batch_size"})).description
    'batch_size 1 -> 33 (a batch large enough for BatchNorm to estimate its statistics on)'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

# BatchNorm normalises each batch by its own mean and variance: under about 8 rows a batch these are noise and its
# error climbs steeply (Wu & He, "Group Normalization", 2018, fig. 1), so a batch that small is raised to the common
# minibatch of BN_BATCH rows rather than to the next size the error message allows
BN_MIN_BATCH = 8
BN_BATCH = 32


class BatchSize(Repair):
    name = "batch_size"
    root_cause = "code_error"
    symptoms = ("training_error",)
    hypothesis = "The batch size the error message names: a last batch of one row, or a batch too large for memory"

    def propose(self, ctx: Context) -> Change | None:
        ev = ctx.finding.evidence
        bs = ctx.config.get("batch_size")
        if ev.get("known_error_knob") != "batch_size" or not isinstance(bs, int) or isinstance(bs, bool):
            return None
        if ev.get("known_error_kind") == "memory":
            return self.knob(ctx, "batch_size", max(1, bs // 2), "half the batch that did not fit in memory")
        n = getattr(ctx.facts.data, "n_train", None)
        if not isinstance(n, int) or n < 4:
            return None
        if bs < BN_MIN_BATCH and n >= 2 * BN_BATCH:
            for cand in range(BN_BATCH, BN_BATCH + 9):
                if n % cand != 1:
                    return self.knob(ctx, "batch_size", cand,
                                     "a batch large enough for BatchNorm to estimate its statistics on")
        for cand in [*range(bs + 1, bs + 9), *range(bs - 1, 1, -1)]:
            if n % cand != 1:
                return self.knob(ctx, "batch_size", cand, f"{n} training rows leave no last batch of one row")
        return None
