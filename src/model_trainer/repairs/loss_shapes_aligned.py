"""A diagnostic test: a regression loss given the network's output in the target's shape.

torch warned that a loss got outputs of shape ``(n,)`` and targets of shape ``(n, 1)`` (or the reverse): it
broadcasts them into an ``n x n`` grid of every output against every target, whose minimum is the targets' mean, so
the network is trained to answer a constant (``probes/error_messages.known_warning``). The tool tests that without
touching the code: in the run's child, torch's regression losses (``mse_loss``, ``l1_loss``, ``smooth_l1_loss``,
``huber_loss``, and the ``nn`` modules that call them) reshape an output with as many values as the target to the
target's shape (``kinds/function.py``). A run that then learns confirms the mismatch. It is not a repair: the fix
is one line of the code (``out.squeeze(-1)`` or ``y.unsqueeze(1)``), so its run is never accepted
(``Repair.diagnostic``).

Example:
    >>> LossShapesAligned().root_cause
    'loss_mismatch'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class LossShapesAligned(LoopHook):
    name = "loss_shapes_aligned"
    root_cause = "loss_mismatch"
    symptoms = ("underfitting", "constant_output", "slow_convergence", "vanishing_gradients")
    hypothesis = "The loss broadcasts the network's output against targets of another shape"
    measurement = "broadcast_loss"
    action = "give the loss the network's output in the target's shape"
