"""The investigator: run, judge, measure, test one change at a time, document (CONTRACT §7).

``investigate(session) -> Verdict``. The modules: ``state`` (what an investigation knows), ``judge`` (references,
convergence, acceptance; public, also used by ``search``), ``measure`` (probes that need no retraining), ``loop``
(the tests and the search over candidates), ``entries`` (diary entries and the verdict).
"""

from __future__ import annotations

from model_trainer.investigate.judge import (
    baseline_facts,
    better,
    model_metric,
    reason_to_reject,
    record_facts,
    watch_for,
)
from model_trainer.investigate.loop import investigate

__all__ = ["baseline_facts", "better", "investigate", "model_metric", "reason_to_reject", "record_facts", "watch_for"]
