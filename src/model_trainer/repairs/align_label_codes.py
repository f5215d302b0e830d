"""A diagnostic test: the validation file's class labels put in the training file's coding.

The invalid-data detector found validation rows whose class label no training row carries (ordered levels coded
1..K in one file and 0..K-1 in the other, say). No model trained on the training rows can predict those labels, so
every knob would fail. Where both files hold the same number of classes, the tool recodes the validation labels in
order onto the training ones (the smallest onto the smallest, and so on) and trains once more: a model that is then
acceptable confirms that the two files code the classes differently. It is not a repair: the coding is the data's
to make alike, so its run is never accepted (``Repair.diagnostic``).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> f = Finding("invalid_data", None, "", {"cause": "train_val_mismatch",
    ...             "label_codes": {"train": [1, 2, 3, 4], "val": [0, 1, 2, 3]}})
    >>> AlignLabelCodes().propose(Context({}, {}, f, Facts(), set())).data_after["align_label_codes"]
    [[0, 1], [1, 2], [2, 3], [3, 4]]
"""

from __future__ import annotations

from typing import Any

from model_trainer.repairs.base import Change, Context, Repair


class AlignLabelCodes(Repair):
    name = "align_label_codes"
    root_cause = "train_val_mismatch"
    symptoms = ("invalid_data",)
    hypothesis = "The two files code the classes differently"
    diagnostic = True
    fixed_in = "data"

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        pairs = change.data_after.get(self.name) or ()
        return ["Code the classes alike in both files: in the validation file " + ", ".join(
            f"{a} is training's {b}" for a, b in pairs if a != b)]

    def propose(self, ctx: Context) -> Change | None:
        lab = ctx.finding.evidence.get("label_codes")
        if not isinstance(lab, dict) or ctx.data_repairs.get(self.name):
            return None
        train, val = list(lab.get("train") or ()), list(lab.get("val") or ())
        if len(train) != len(val) or len(train) < 2 or train == val:
            return None
        pairs = [[a, b] for a, b in zip(val, train, strict=True)]
        return self.data(ctx, self.name, "recode the validation labels in order onto the training ones ("
                         + ", ".join(f"{a} -> {b}" for a, b in pairs) + ")", pairs)
