"""A diagnostic test: the code's ``scipy.optimize.minimize`` calls given finite-difference gradients instead of its
own analytic one.

The gradient check (``probes/gradient_check.py``) found a component of the code's gradient that disagrees with
finite differences of its objective. The tool tests that without touching the code: the run's child hands the same
objective to the same method with ``jac`` left out (``kinds/function.py``). A fit that then reaches an acceptable
model confirms the wrong gradient. It is not a repair: the fix is the code's gradient, so the run's model is never
accepted (``Repair.diagnostic``). Function mode only.

Example:
    >>> NumericGradient().root_cause
    'code_error'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class NumericGradient(LoopHook):
    name = "numeric_gradient"
    root_cause = "code_error"
    symptoms = ("underfitting", "slow_convergence", "surprising_optimum", "nan_loss")
    hypothesis = "The code's analytic gradient is wrong, so the optimiser stops early at a poor point"
    measurement = "analytic_gradient"
    action = "take minimize's gradient by finite differences"
