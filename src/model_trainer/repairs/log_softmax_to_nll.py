"""A diagnostic test: torch's NLL loss handed the network's scores instead of log-probabilities.

``F.nll_loss`` (and ``nn.NLLLoss``) returns minus the input at the true class: it expects log-probabilities (a
``log_softmax``'s output). Given raw scores it has no lower bound, and a network lowers it by raising every score
together: the loss runs below zero, the gradients grow, and the predicted class is whatever score grew fastest. The
tool tests that without touching the code: in the run's child, torch's ``nll_loss`` applies a log-softmax over the
classes to an input that is not already log-probabilities (``kinds/function.py``), which makes it the cross-entropy
of the scores. A run that then trains well confirms the mismatch. It is not a repair: the fix is the code's (a
``log_softmax`` before the loss, or ``cross_entropy`` on the scores), so its run is never accepted.

Example:
    >>> LogSoftmaxToNLL().root_cause
    'loss_mismatch'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class LogSoftmaxToNLL(LoopHook):
    name = "log_softmax_to_nll"
    root_cause = "loss_mismatch"
    symptoms = ("exploding_gradients", "constant_output", "underfitting", "oscillating_loss", "nan_loss",
                "slow_convergence")
    hypothesis = "The NLL loss is given the network's scores, not log-probabilities"
    measurement = "nll_on_scores"
    action = "turn the scores into log-probabilities (log_softmax) before each nll_loss"
