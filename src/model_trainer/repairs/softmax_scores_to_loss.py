"""A diagnostic test: a network that ends in a softmax layer, trained with a cross-entropy, given its scores.

The code reader (``probes/loop_code.py``) found an ``nn.Softmax`` layer in a file whose loss is a cross-entropy
(``nn.CrossEntropyLoss``, ``F.cross_entropy``), which applies its own log-softmax to what it is given: the loss then
reads probabilities in [0, 1] as scores, the largest it can reach is small, and the gradients all but vanish. The
tool tests that without touching the code: in the run's child every ``nn.Softmax`` layer passes its input through
(``kinds/function.py``), so the loss sees the scores, and the classes the network predicts are unchanged (the
largest score is the largest probability). A run that then trains well confirms the mismatch. It is not a repair:
the fix is the code's (drop the softmax from the network, apply it only to report probabilities), so its run is
never accepted (``Repair.diagnostic``).

Example:
    >>> SoftmaxScoresToLoss().root_cause
    'loss_mismatch'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class SoftmaxScoresToLoss(LoopHook):
    name = "softmax_scores_to_loss"
    root_cause = "loss_mismatch"
    symptoms = ("underfitting", "slow_convergence", "vanishing_gradients", "constant_output", "oscillating_loss")
    hypothesis = "The network ends in a softmax that its cross-entropy loss applies again"
    measurement = "softmax_before_loss"
    action = "pass the scores before each softmax layer to the loss"
