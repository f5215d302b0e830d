"""A diagnostic test: the gradients zeroed after every optimiser step of a loop that never zeroes them.

The code reader (``probes/loop_code.py``) found ``backward()`` in a loop and no ``zero_grad()``: each step then
follows the sum of every gradient so far, which grows with the steps and blows the weights up. The tool tests that
without touching the code: the run's child registers a torch hook that calls ``zero_grad()`` after each optimiser
step (``kinds/function.py``). A loop that zeroes its gradients is unchanged by it, so a run that then trains well
confirms the missing call. It is not a repair: the fix is a line of the user's code, so the run's model is never
accepted (``Repair.diagnostic``). Function mode only: a built-in loop zeroes its gradients itself.

Example:
    >>> ZeroGradAfterStep().root_cause
    'training_loop_bug'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class ZeroGradAfterStep(LoopHook):
    name = "zero_grad_after_step"
    symptoms = ("exploding_gradients", "nan_loss", "oscillating_loss", "underfitting", "slow_convergence",
                "constant_output", "dying_relu")
    hypothesis = "The loop never zeroes its gradients, so every step follows their sum over all earlier batches"
    measurement = "no_zero_grad"
    action = "zero the gradients after every optimiser step"
