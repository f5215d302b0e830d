"""Each root cause of CONTRACT §5 in one place: what it means, the knobs that test it, the next steps it leaves.

Next steps are what remains open once a cause is confirmed or still suspected; ``next_steps(cause, done)`` leaves
out steps whose knob the entry already changed.

Example:
    >>> next_steps("insufficient_training", done={"epochs"})
    ['Check that the longer run does not start to overfit (validation loss rising while training loss falls).']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    name: str
    meaning: str
    knobs: tuple[str, ...] = ()          # config keys or data repairs whose change tests the cause
    steps: tuple[tuple[str, str], ...] = ()   # (knob it concerns or "", step)


CAUSES: dict[str, Cause] = {c.name: c for c in (
    Cause("learning_rate_too_high", "steps overshoot the minimum", ("lr",),
          (("", "Run a learning-rate sensitivity sweep (`model-trainer search`) to find the stability bound."),)),
    Cause("learning_rate_too_low", "each step moves the weights too little", ("lr",),
          (("", "Run a learning-rate sweep to confirm the value found is near the best."),)),
    Cause("unscaled_features", "inputs on very different scales", ("standardize",),
          (("standardize", "Test standardising the features (`standardize`)."),)),
    Cause("unscaled_target", "a regression target far from unit scale", ("standardize_target",),
          (("standardize_target", "Test standardising the target (`standardize_target`)."),)),
    Cause("gradient_heterogeneity", "parameter groups receive gradients of very different sizes",
          ("clip_grad_norm",),
          (("", "Test group-specific regularisation or learning rates for the dominant parameter group."),)),
    Cause("saturating_activation", "tanh/sigmoid units saturate and pass no gradient", ("activation",),
          (("activation", "Test a non-saturating activation (relu, gelu)."),)),
    Cause("bad_initialization", "initial weights badly scaled", ("init",),
          (("init", "Test another initialisation (kaiming for ReLU networks)."),)),
    Cause("output_range_mismatch", "the output layer cannot produce the target's range",
          ("output_activation", "rescale_target"),
          (("output_activation", "Find what keeps the predictions inside a narrower range than the target's: a "
                                 "bounded output activation on a regression head (remove it, or rescale the target "
                                 "into its range), a clamp or clip that caps the predictions below the target's "
                                 "largest values (raise or remove it), or, for a model that predicts averages of "
                                 "training targets (trees, neighbours), training rows that do not span the target's "
                                 "range (a filter, a sort or a split by the target in the code)."),)),
    Cause("loss_mismatch", "the loss does not fit the task or target", ("loss",),
          (("loss", "Use a loss that fits the target (mse/mae for regression, cross-entropy for classes)."),)),
    Cause("insufficient_training", "training stopped before convergence", ("epochs",),
          (("epochs", "Train longer (more `epochs`) and check the validation curve flattens."),
           ("", "Check that the longer run does not start to overfit (validation loss rising while training loss "
                "falls)."))),
    Cause("insufficient_regularization", "the model fits noise of the training split",
          ("early_stopping_patience", "weight_decay", "dropout", "alpha", "C", "gamma", "n_neighbors",
           "min_samples_leaf"),
          (("", "Compare early stopping with weight decay in a search."),)),
    Cause("insufficient_capacity", "the model is too small for the signal", ("hidden_units",),
          (("", "Check the larger model for overfitting on a held-out split."),)),
    Cause("excessive_regularization", "regularisation holds the model back", ("weight_decay", "alpha", "C"),
          (("", "Check that the weaker regularisation does not start to overfit (validation loss rising while "
                "training loss falls)."),)),
    Cause("non_identifiable", "parameters the data cannot tell apart", (),
          (("residuals_by_group", "Check residuals by group for systematic bias."),
           ("cross_validation", "Compare the full and the reduced model by cross-validation before writing the "
                                "section."))),
    Cause("parameter_scaling", "parameters on scales the optimiser cannot handle together", (),
          (("", "Rescale the parameters (e.g. log scale) so that they are of comparable magnitude."),)),
    Cause("numerical_overflow", "the arithmetic overflowed", (),
          (("", "Find the expression that overflows (exp of a large argument) and bound or rescale it."),)),
    Cause("invalid_data", "values in the data that are not valid measurements (non-finite cells, missing-value "
          "codes, targets in another unit, a stretch of rows recorded otherwise)",
          ("drop_non_finite_rows", "missing_codes", "drop_target_outliers", "drop_row_block"),
          (("", "Trace the invalid values (non-finite cells, constant columns, missing-value codes, targets "
                "recorded in another unit, a stretch of rows from another instrument) back to their source, correct "
                "or blank them in the data files, and "
                "document what was dropped or filled."),)),
    Cause("training_loop_bug", "the loop's bookkeeping is wrong (gradients not zeroed, a scheduler stepped per "
          "batch, a loss summed, a mode left in eval)", (),
          (("", "Read the training loop against the checklist: zero_grad before backward, scheduler.step once per "
                "epoch, losses averaged, model.train()/model.eval() switched."),)),
    Cause("label_corruption", "labels no longer match their inputs (separate shuffles, truncating casts, the wrong "
          "column)", (),
          (("", "Check that features and labels are shuffled, split and cast together in the training code."),)),
    Cause("train_val_mismatch", "train and validation prepared or distributed differently", (),
          (("", "Check that both splits come from the same source, units and preparation (a cast to int or a "
                "rounding applied to one file, a unit changed in one)."),)),
    Cause("code_error", "an error in the code", (),
          (("", "Fix the code at the line named above (in the error message or the measurement)."),)),
)}


def next_steps(cause: str, done: set[str] | None = None) -> list[str]:
    """The steps ``cause`` leaves open, without those about knobs already changed (``done``)."""
    c = CAUSES.get(cause)
    if c is None:
        return []
    done = done or set()
    return [step for knob, step in c.steps if not (knob and knob in done)]


def knobs(cause: str) -> tuple[str, ...]:
    c = CAUSES.get(cause)
    return c.knobs if c else ()
