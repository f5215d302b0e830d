"""A diagnostic test: the validation split's shifted feature columns moved onto their training mean and spread.

The invalid-data detector found a validation split distributed unlike the training split in a way that matters: a
column shifted (``probes/shift.py``: a unit changed in one file, one split prepared on its own) while the references
score far worse on validation than on held-out training rows. The tool tests that without touching the files: the
run's validation columns are mapped linearly onto their training mean and standard deviation
(``preprocess.fit_preprocess``). A model that then scores as it does on training rows confirms that the split, not
the model, was what failed. It is not a repair: it uses the validation split's own statistics, which new data would
not come with, and the fix is the data's (convert the column where the file is written), so its run is never
accepted (``Repair.diagnostic``).

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> f = Finding("invalid_data", None, "", {"cause": "train_val_mismatch",
    ...             "split_shift": [{"column": "air_temp", "shift_sd": 3.7}, {"column": "aqi", "shift_sd": 1.2}]})
    >>> AlignValidation().propose(Context({}, {}, f, Facts(), set())).description
    'map the validation columns `air_temp`, `aqi` onto their training mean and spread (with validation statistics)'
"""

from __future__ import annotations

from typing import Any

from model_trainer.repairs.base import Change, Context, Repair


class AlignValidation(Repair):
    name = "align_validation"
    root_cause = "train_val_mismatch"
    symptoms = ("invalid_data",)
    hypothesis = "The validation split holds some columns in other units, or prepared otherwise, than training"
    diagnostic = True
    fixed_in = "data"

    def next_steps(self, change: Change, evidence: dict[str, Any]) -> list[str]:
        """The linear map that took each aligned column onto training's: a unit conversion reads off it."""
        out = []
        for d in evidence.get("split_shift") or ():
            if d.get("column") not in (change.data_after.get(self.name) or ()) or not d.get("val_std"):
                continue
            a = d["train_std"] / d["val_std"]
            b = d["train_mean"] - a * d["val_mean"]
            out.append(f"Convert `{d['column']}` in the validation data to the training data's units, or prepare both "
                       f"files with the same code: training's values are about {a:.4g} x validation's "
                       f"{'+' if b >= 0 else '-'} {abs(b):.4g} (matched by mean and spread; e.g. 0.5556 x - 17.78 "
                       "is degrees Fahrenheit to Celsius, 0.01 x is cents to units)")
        return out

    def propose(self, ctx: Context) -> Change | None:
        ev = ctx.finding.evidence
        target = getattr(ctx.facts.data, "target", None)
        cols = [d["column"] for d in ev.get("split_shift") or () if d.get("column") != target]
        if ev.get("cause") != "train_val_mismatch" or not cols or ctx.data_repairs.get(self.name):
            return None
        return self.data(ctx, self.name, "map the validation columns " + ", ".join(f"`{c}`" for c in cols)
                         + " onto their training mean and spread (with validation statistics)", cols)
