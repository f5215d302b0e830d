"""Leave out a stretch of training rows that does not follow the relationship the other rows follow (a tool-level
data repair).

``probes/row_blocks.py`` finds the stretch (out-of-fold residuals that shift with the file's order) and shows that
boosting fitted without it scores better on validation: rows from another logger, in another unit, or labelled
otherwise. The repair (its value: the first and the last file line) trains without those rows; validation is
scored as it is, row for row. The rows stay in the file: the diary names them, to be corrected at their source.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> from model_trainer.probes.data_report import DataReport
    >>> rep = DataReport(1491, 509, ["poa"], {}, {}, {}, [], 0, [], target="ac_power_kw",
    ...                  row_block={"first_label": 0, "last_label": 442, "first_line": 2, "last_line": 444,
    ...                             "rows": 443})
    >>> ctx = Context({}, {}, Finding("invalid_data", None, ""), Facts(data=rep), set())
    >>> DropRowBlock().propose(ctx).description
    'leave out training file lines 2-444 (443 rows), which do not follow the relationship the other rows follow'
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class DropRowBlock(Repair):
    name = "drop_row_block"
    root_cause = "invalid_data"
    symptoms = ("invalid_data",)
    hypothesis = "A stretch of the training file was recorded differently (another logger, unit or labelling)"

    def propose(self, ctx: Context) -> Change | None:
        b = getattr(ctx.facts.data, "row_block", None)
        if not b or b.get("labels") or ctx.data_repairs.get(self.name):
            return None  # a stretch of class labels is tested by ``leave_out_row_block``, never repaired
        return self.data(ctx, self.name, f"leave out training file lines {b['first_line']}-{b['last_line']} "
                         f"({b['rows']} rows), which do not follow the relationship the other rows follow",
                         value=[int(b["first_line"]), int(b["last_line"])])

