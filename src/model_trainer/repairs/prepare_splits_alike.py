"""Both splits prepared alike by the tool, where the code prepares only one of them.

The code reading (``probes/loop_code.py``) found a preprocessor fitted and applied to one split in the user's code
and never applied to the other (``scaler.fit_transform(X_train)`` with no ``scaler.transform(X_val)``): the model
learns on scaled inputs and is scored on raw ones. The tool's own standardisation (the ``standardize`` data repair,
z-scores with the training split's statistics, kept in the model bundle) hands both splits to the code already on
one scale, so the code's scaler then meets inputs it leaves nearly as they are. A run this makes acceptable
confirms that the splits were prepared differently; the shipped bundle applies the same preparation to new rows,
and the entry still names the line where the code has to change for the code's own use.

Example:
    >>> from model_trainer.detect.base import Facts, Finding
    >>> ctx = Context({}, {}, Finding("overfitting", 1, "", {}), Facts(), set(),
    ...               measurements={"fitted_on_one_split": "code/model.py:12"})
    >>> PrepareSplitsAlike().propose(ctx).data_after
    {'standardize': True}
    >>> PrepareSplitsAlike().propose(Context({}, {}, Finding("overfitting", 1, "", {}), Facts(), set())) is None
    True
"""

from __future__ import annotations

from model_trainer.repairs.base import Change, Context, Repair


class PrepareSplitsAlike(Repair):
    name = "prepare_splits_alike"
    root_cause = "train_val_mismatch"
    symptoms = ("overfitting", "underfitting", "exploding_gradients", "nan_loss", "invalid_data")
    hypothesis = "The code prepares the training split and hands the validation split to the model unprepared"

    def propose(self, ctx: Context) -> Change | None:
        where = ctx.measurements.get("fitted_on_one_split")
        if not where or ctx.data_repairs.get("standardize"):
            return None
        return self.data(ctx, "standardize", "standardize both splits with the training split's mean and std "
                                             f"before the code sees them (the code at {where} prepares only one)")
