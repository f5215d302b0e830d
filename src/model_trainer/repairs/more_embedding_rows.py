"""More rows for an embedding table that is smaller than the codes it looks up.

The measurement (``measure._embedding_rows``) found an ``nn.Embedding`` with fewer rows than a code column has
distinct codes, its size a value of the configuration. Codes then share rows (``code % rows`` folds them together),
so groups with different levels get one value. The table is given one row per possible code, the largest code plus
one: whether the code indexes the table directly or folds codes by a modulo, no two codes then share a row.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> meas = {"embedding_rows": {"key": "n_buckets", "rows": 16, "column": "site", "distinct": 48, "max": 9917}}
    >>> ctx = Context({"n_buckets": 16}, {}, Finding("underfitting", None, ""), Facts(), {"n_buckets"},
    ...               measurements=meas)
    >>> MoreEmbeddingRows().propose(ctx).description
    'n_buckets 16 -> 9918 (48 distinct `site` codes, up to 9917)'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair

# a table of more rows than this for one code column is no cheap test: the codes are then counted instead
_MAX_ROWS = 200_000


class MoreEmbeddingRows(Repair):
    name = "more_embedding_rows"
    root_cause = "insufficient_capacity"
    symptoms = ("underfitting", "slow_convergence")
    hypothesis = "The embedding table has fewer rows than there are codes, so codes share rows"

    def propose(self, ctx: Context) -> Change | None:
        m = ctx.measurements.get("embedding_rows")
        if not isinstance(m, dict) or ctx.config.get(m["key"]) != m["rows"]:
            return None
        rows = m["max"] + 1 if m["max"] + 1 <= _MAX_ROWS else 1 << (4 * m["distinct"] - 1).bit_length()
        return self.knob(ctx, m["key"], rows, f"{m['distinct']} distinct `{m['column']}` codes, up to {m['max']}")
