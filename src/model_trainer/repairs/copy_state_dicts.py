"""A diagnostic test: every ``state_dict()`` a copy of the weights at that moment, where the code keeps one to reload.

The code reader (``probes/loop_code.py``) found ``best = model.state_dict()`` and later ``load_state_dict(best)``:
the dict holds the live tensors, so the reload restores the last weights, not the kept epoch's, and the model
returned is the last epoch's however much better an earlier one was. The tool tests that without touching the
code: the run's child makes torch's ``Module.state_dict()`` return copies (``kinds/function.py``). Code that copies
already is unchanged by it, so a run whose returned model then scores as its kept epoch did confirms the missing
copy. It is not a repair: the fix is a line of the user's code, so the run's model is never accepted
(``Repair.diagnostic``). The knobs are still searched once it is confirmed (``compensable``): what the bug costs is
the epoch the model comes from, which stopping earlier or regularising more can make harmless. Function mode only:
a built-in loop keeps its epochs itself.

Example:
    >>> CopyStateDicts().root_cause
    'training_loop_bug'
"""

from __future__ import annotations

from model_trainer.repairs.base import LoopHook


class CopyStateDicts(LoopHook):
    name = "state_dict_copies"
    symptoms = ("overfitting", "underfitting", "oscillating_loss", "exploding_gradients", "nan_loss")
    hypothesis = ("The weights kept to be restored are references to the live ones, so the reload restores the last "
                  "epoch's")
    compensable = True
    measurement = "state_dict_by_reference"
    action = "make every state_dict() a copy of the weights at that moment"
