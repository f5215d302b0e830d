"""A diagnostic test: the returned model's torch modules switched to evaluation mode before it predicts.

A model whose predictions of the same rows differ between two calls, holding a network still in training mode
(``probes/returned_model.py``), predicts with its dropout active: the code never calls ``.eval()`` before
predicting. The tool tests that without touching the code: the run's child switches those modules to evaluation mode
after the user's function returns (``kinds/function.py``). A run whose model then scores well confirms the missing
call. It is not a repair: the fix is a line of the user's code, so the run's model is never accepted
(``Repair.diagnostic``). Function mode only: the built-in loops predict in evaluation mode themselves.

Example:
    >>> EvalBeforePredict().root_cause
    'training_loop_bug'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class EvalBeforePredict(LoopHook):
    name = "eval_before_predict"
    symptoms = ("underfitting", "overfitting", "oscillating_loss", "slow_convergence")
    hypothesis = "The model predicts in training mode, with its dropout active, since the code never calls .eval()"
    measurement = "train_mode_at_predict"
    action = "switch the returned model's torch modules to evaluation mode before it predicts"
