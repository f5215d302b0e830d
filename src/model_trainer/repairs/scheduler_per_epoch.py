"""A diagnostic test: a learning-rate scheduler the code steps inside its batch loop, stepped once per epoch.

The code reader (``probes/loop_code.py``) found ``sched.step()`` inside the batch loop: a schedule written in epochs
then advances once per batch and drives the learning rate toward zero within a few epochs. The tool tests that
without touching the code: the run's child defers the code's calls of ``step()`` and steps each scheduler once
after every epoch the code logs (``kinds/function.py``). A run that then trains well confirms the misplaced call.
It is not a repair: the fix is a line of the user's code, so the run's model is never accepted
(``Repair.diagnostic``). Function mode: the epochs are the ones the monitor logs, or without a monitor the ends
of training passes the code marks (a switch to evaluation mode, a ``DataLoader`` run out).

Example:
    >>> SchedulerPerEpoch().root_cause
    'training_loop_bug'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class SchedulerPerEpoch(LoopHook):
    name = "scheduler_per_epoch"
    symptoms = ("slow_convergence", "underfitting", "vanishing_gradients", "constant_output")
    hypothesis = "The scheduler is stepped once per batch, so the learning rate decays far faster than written"
    measurement = "scheduler_per_batch"
    action = "step the scheduler once per epoch"
