"""The loop: run, detect, hypothesize, test one change at a time, fix, document."""

from __future__ import annotations

from model_trainer.failures import failure_entry
from model_trainer.session import EXIT_OK, EXIT_UNRESOLVED, Session


def investigate(session: Session) -> int:
    spec = session.spec
    rec = session.run("train", spec.config, full=True)
    if not rec.ok:
        session.write_entry(lambda i: failure_entry(rec, spec, i, session.entry.code_dir, spec.budget.time_limit),
                            [("failed run", rec)])
        return EXIT_UNRESOLVED
    session.publish(rec)
    return EXIT_OK
