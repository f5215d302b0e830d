"""Known error messages mapped to their cause and the change that fixes them.

Example:
    >>> known_warning("Using a target size (torch.Size([32, 1])) that is different to the input size "
    ...               "(torch.Size([32])). This will likely lead to incorrect results due to broadcasting.")["shapes"]
    ('[32]', '[32, 1]')
    >>> known_error("ValueError", "Expected more than 1 value per channel when training, got input size [1, 8]")["knob"]
    'batch_size'
    >>> known_error("RuntimeError", "all elements of input should be between 0 and 1")["cause"]
    'loss_mismatch'
"""

from __future__ import annotations

import re
from typing import Any

# (pattern on "ExcType: message", cause, explanation, knob or None, fix)
_KNOWN: tuple[tuple[str, str, str, str | None, str], ...] = (
    (r"Expected more than 1 value per channel when training", "code_error",
     "a batch of one row reached a BatchNorm layer in training mode (the last batch of an epoch)", "batch_size",
     "choose a batch_size that does not leave a last batch of one row, or drop the last incomplete batch "
     "(`drop_last=True`)"),
    (r"expected scalar type|dtype|Expected .* but found .*(Float|Double|Long)", "code_error",
     "tensors of different dtypes meet in one operation", None, "cast the inputs (e.g. `.float()`) where they are "
     "built"),
    (r"mat1 and mat2 shapes cannot be multiplied|size mismatch|shapes? .* (mismatch|not aligned)", "code_error",
     "a layer's input size does not match the data's width", None, "set the first layer's input size to the "
     "number of feature columns"),
    (r"Target .* is out of bounds|out of bounds", "code_error", "a class label is outside the output layer's "
     "classes", None, "size the output layer to the number of classes, with labels 0..K-1"),
    (r"all elements of input should be between 0 and 1", "loss_mismatch",
     "a binary cross-entropy loss that expects probabilities (nn.BCELoss) received values outside [0, 1]: raw scores "
     "where it expects probabilities, or NaN from a divergence earlier in the run", None,
     "apply a sigmoid to the output before nn.BCELoss, or give the raw scores to nn.BCEWithLogitsLoss (if the loss was "
     "already non-finite before the error, treat the divergence first)"),
    (r"CUDA out of memory|OutOfMemoryError", "code_error", "the device ran out of memory", "batch_size",
     "a smaller batch_size"),
    (r"Input (X )?contains (NaN|infinity)|contains NaN|NaN values? (found|detected)", "invalid_data",
     "the data hold NaN or infinite values, which the estimator refuses", None,
     "drop or impute the rows with NaN/inf before fitting"),
)


def known_error(exc_type: str, message: str) -> dict[str, Any] | None:
    text = f"{exc_type}: {message}"
    for pattern, cause, why, knob, fix in _KNOWN:
        if re.search(pattern, text):
            kind = "memory" if "memory" in why else "last_batch" if "batch of one" in why else None
            return {"cause": cause, "why": why, "knob": knob, "fix": fix, "kind": kind}
    return None


# torch's warning when a regression loss gets an output and a target of different shapes, (n,) against (n, 1)
_BROADCAST = re.compile(r"Using a target size \(torch\.Size\((\[[^\]]*\])\)\) that is different to the input size "
                        r"\(torch\.Size\((\[[^\]]*\])\)\)")


# Lightning's warning when ``training_step`` gives it nothing to minimise: no backward pass, no optimiser step
_NO_LOSS = re.compile(r"`training_step` returned `None`")
# Keras' warning when a categorical cross-entropy scores one output unit (a binary classifier's sigmoid)
_ONE_UNIT_CATEGORICAL = re.compile(r"In loss categorical_crossentropy, expected y_pred\.shape to be "
                                   r"\(batch_size, num_classes\) with num_classes > 1")


def known_warning(message: str) -> dict[str, Any] | None:
    """A warning whose meaning is known: a loss broadcasting the model's output against its targets, or a Lightning
    ``training_step`` that returns no loss, or Keras' categorical cross-entropy over one output unit (``key`` says
    which; ``code`` is the definition to name in the user's code, where the warning itself points into the library;
    ``fix_value`` the configuration value the warning asks for).

    >>> known_warning("`training_step` returned `None`. If this was on purpose, ignore this warning...")["cause"]
    'training_loop_bug'
    """
    if _ONE_UNIT_CATEGORICAL.search(message):
        return {"cause": "loss_mismatch", "key": "loss_fix", "fix_value": "binary_crossentropy",
                "hypothesis": "The loss does not fit the output layer",
                "why": "Keras' categorical_crossentropy over one output unit normalises it into a probability of 1 "
                       "for the only class: the loss is zero whatever the weights, and no gradient reaches them",
                "fix": "binary_crossentropy for one sigmoid unit (or as many output units as classes, with a "
                       "softmax, for the categorical loss)"}
    if _NO_LOSS.search(message):
        return {"cause": "training_loop_bug", "key": "no_loss_returned", "code": r"def\s+training_step\b",
                "hypothesis": "The training step gives the optimiser nothing to minimise",
                "why": "Lightning's training_step returned None, so Lightning skipped the backward pass and the "
                       "optimiser step for that batch; returned on every batch, the weights never change",
                "fix": "return the loss (or a dict with a `loss` key) from training_step"}
    m = _BROADCAST.search(message)
    if m is None:
        return None
    target, output = m.group(1), m.group(2)
    return {"cause": "loss_mismatch", "shapes": (output, target), "key": "broadcast_loss",
            "hypothesis": "The loss does not fit what the network outputs",
            "why": f"the loss got outputs of shape {output} and targets of shape {target}; it broadcasts them into a "
                   "grid of every output against every target, whose minimum is the targets' mean: the network is "
                   "trained to answer a constant",
            "fix": "give the loss the output and the target in one shape (`out.squeeze(-1)` or `y.unsqueeze(1)`)"}


# What scipy's optimisers (and lmfit, statsmodels' own printouts) say when they stop at their iteration or evaluation
# limit rather than at a minimum. It is the result's ``message``, never a warning, so the record only has it when the
# user's code prints it.
_SOLVER_LIMIT = re.compile(
    r"maximum number of (iterations|function evaluations) has been exceeded"  # Nelder-Mead, Powell, BFGS, CG, COBYLA
    r"|total no\.? of (iterations|f and g evaluations) (reached limit|exceeds limit)"  # L-BFGS-B
    r"|iteration limit (reached|exceeded)"  # SLSQP, linprog
    r"|maximum number of function evaluations is exceeded"  # least_squares, trust-constr
    r"|max\. number of function evaluations reached"  # TNC
    r"|number of calls to function has reached maxfev",  # leastsq, curve_fit
    re.IGNORECASE)


# how the function kind's watch of scipy.optimize begins its note (``kinds/function._SolverWatch``): the supervisor
# reads the run's notes for that one only, since the tool's own fits (kind = "mle") note their optimiser's words too
SOLVER_NOTE = "the code's last scipy.optimize fit"


def solver_stopped(line: str) -> str | None:
    """The optimiser's own words, when a printed line says it stopped at its iteration limit (not converged).

    >>> solver_stopped("Maximum number of iterations has been exceeded. 40 {'mu20': 0.07}")
    'Maximum number of iterations has been exceeded'
    >>> solver_stopped("ABNORMAL_TERMINATION_IN_LNSRCH") is None
    True
    """
    m = _SOLVER_LIMIT.search(line)
    return m.group(0) if m else None
