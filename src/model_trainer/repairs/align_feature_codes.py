"""A diagnostic test: an integer-coded feature of the validation file put in the training file's coding.

The invalid-data detector found a feature column (weekdays, months, grades, site codes) whose levels differ between
the files both ways, with as many levels in each: Monday coded 0 in one file and 1 in the other, say. A model
trained on the training rows then reads every validation row as another level. The tool recodes the column's
validation levels in order onto the training ones (the smallest onto the smallest, and so on) and trains once more:
a model that then scores clearly better confirms that the two files code the column differently. It is not a repair:
the coding is the data's to make alike, so its run is never accepted (``Repair.diagnostic``).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> f = Finding("invalid_data", None, "", {"cause": "train_val_mismatch", "feature_codes": {
    ...     "column": "day_of_week", "train": [0, 1, 2], "val": [1, 2, 3]}})
    >>> AlignFeatureCodes().propose(Context({}, {}, f, Facts(), set())).data_after["align_feature_codes"]
    {'day_of_week': [[1, 0], [2, 1], [3, 2]]}
"""

from __future__ import annotations

from typing import Any

from model_trainer.repairs.base import Change, Context, Repair


class AlignFeatureCodes(Repair):
    name = "align_feature_codes"
    root_cause = "train_val_mismatch"
    symptoms = ("invalid_data",)
    hypothesis = "The two files code a feature column differently"
    diagnostic = True
    fixed_in = "data"

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        steps = []
        for column, pairs in (change.data_after.get(self.name) or {}).items():
            steps.append(f"Code `{column}` alike in both files: in the validation file " + ", ".join(
                f"{a} is training's {b}" for a, b in pairs if a != b))
        return steps

    def propose(self, ctx: Context) -> Change | None:
        fc = ctx.finding.evidence.get("feature_codes")
        if not isinstance(fc, dict) or ctx.data_repairs.get(self.name):
            return None
        train, val, column = list(fc.get("train") or ()), list(fc.get("val") or ()), fc.get("column")
        if not column or len(train) != len(val) or len(train) < 2 or train == val:
            return None
        pairs = [[a, b] for a, b in zip(val, train, strict=True)]
        return self.data(ctx, self.name, f"recode `{column}` in the validation file in order onto the training "
                         "levels (" + ", ".join(f"{a} -> {b}" for a, b in pairs) + ")", {column: pairs})
