"""Diary entries for runs that did not finish: an exception, a death by signal, a hang, an interrupt
(SIGINT, SIGTERM, SIGHUP), a model the code did not return or that cannot be saved, an incomplete record.

Nothing here is repaired: a crash in the user's code is documented with its traceback verbatim
and the place to fix, never "fixed" by a configuration change.
"""

from __future__ import annotations

import re
import time

from model_trainer.engine.signals import SENDER
from model_trainer.engine.supervisor import SIGNAL_MEANING
from model_trainer.events import DiaryEntry, RunRecord, TestRecord, Why
from model_trainer.records.fmt import num
from model_trainer.spec import Spec
from model_trainer.workspace import paper_path, paper_text

_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)\s*$')


def user_frame(tb: str, code_dir: str | None) -> tuple[str, int, str, str] | None:
    """The innermost traceback frame in the user's code: (file, line, function, source line)."""
    lines = tb.splitlines()
    found = None
    for i, line in enumerate(lines):
        m = _FRAME.match(line)
        if not m:
            continue
        f = m["file"]
        if "model_trainer" in f.replace("\\", "/").split("/") or "site-packages" in f or f.startswith("<"):
            continue
        if code_dir and not f.startswith(code_dir):
            continue
        src = lines[i + 1].strip() if i + 1 < len(lines) and not _FRAME.match(lines[i + 1]) else ""
        found = (f, int(m["line"]), m["func"], src)
    return found


def _progress(rec: RunRecord) -> str:
    if not rec.history:
        return "No epoch had been logged."
    last = rec.history[-1]
    tl = last.get("train_loss")
    vl = last.get("val_loss")
    parts = [f"{len(rec.history)} epoch(s) had been logged"]
    if tl is not None:
        parts.append(f"the last train_loss was {num(tl)}")
    if vl is not None:
        parts.append(f"val_loss {num(vl)}")
    return ", ".join(parts) + f" (run `{rec.run_id}`, kept in its history.csv)."


def failure_entry(rec: RunRecord, spec: Spec, entry_id: int, code_dir: str | None,
                  time_limit: float | None = None) -> DiaryEntry:
    date = time.strftime("%Y-%m-%d %H:%M")
    where = spec.model.entrypoint
    progress = _progress(rec)
    tests: list[TestRecord] = []
    about = spec.domain.description or "the problem"

    if rec.status == "timeout":
        limit = f"{time_limit:.0f}s" if time_limit else "the time limit"
        what = (f"The run `{rec.run_id}` of `{where}` was still going when the time budget ({limit}) ran out "
                f"after {rec.wall_s:.1f}s of wall time; it was stopped. {progress}")
        tests.append(TestRecord(1, "The run is progressing, only slowly", "Read the recorded epochs",
                                "measurement", rec.run_id,
                                f"{len(rec.history)} epoch(s) recorded before the limit"
                                + (f"; the last took {rec.history[-1].time_s:.1f}s" if rec.history else
                                   "; none at all, which points at a hang (a deadlock, a blocking read, an "
                                   "infinite loop) rather than slow training"), None))
        return DiaryEntry(
            id=entry_id, date=date, category="PERFORMANCE", symptom="timeout", root_cause="budget_exhausted",
            what_happened=what, error_message=f"time limit exceeded after {rec.wall_s:.1f}s",
            initial_hypothesis="Training is slower than budgeted, or the code hangs.", tests=tests, fix=None,
            why=Why(root_cause="The budget ran out before training finished" +
                    (" and no epoch was ever logged, so the code most likely hangs." if not rec.history else "."),
                    domain_insight=f"None yet: no finished run exists to say anything about {about}.",
                    implication="None until a run finishes within budget."),
            next_steps=["Flag for @advisor: the run exceeded its time budget and needs a person's decision.",
                        "If it hangs: run the entrypoint by hand and interrupt it to see where it waits.",
                        "If it is only slow: raise `budget.time_limit` or lower `epochs` in [config]."],
            status="escalated", run_ids=[rec.run_id])

    if rec.status == "interrupted":
        name = rec.signal_name or "SIGINT"
        sender = SENDER.get(name, name)
        return DiaryEntry(
            id=entry_id, date=date, category="INTEGRATION", symptom="training_error", root_cause="unknown",
            what_happened=f"The run `{rec.run_id}` was interrupted by {sender} after {rec.wall_s:.1f}s; it was "
                          f"stopped and its records kept. {progress}",
            error_message=("KeyboardInterrupt: interrupted by the user" if name == "SIGINT" else
                           f"{name}: interrupted by {sender}"),
            initial_hypothesis="Stopped on purpose." if name == "SIGINT" else
            "Stopped from outside: a scheduler's time limit, a harness or a closed session.",
            tests=[], fix=None,
            why=Why(root_cause=f"The run was stopped by {name}, not by a fault in the training.",
                    domain_insight="None: the run did not finish.", implication="None."),
            next_steps=["Re-run `model-trainer train` when ready; the diary numbering continues."]
            + ([] if name == "SIGINT" else
               [f"If {name} came from a scheduler's limit, ask for more time or lower `epochs` in [config]."]),
            status="unresolved", run_ids=[rec.run_id])

    if rec.status == "killed":
        name = rec.signal_name or "a signal"
        meaning = SIGNAL_MEANING.get(name, "ended by a signal")
        oom = name == "SIGKILL"
        tests.append(TestRecord(1, "The process died outside Python", "Read the exit status", "measurement",
                                rec.run_id, f"exit status {rec.exit_code}: {name}; no Python exception was "
                                "raised", None))
        return DiaryEntry(
            id=entry_id, date=date, category="PERFORMANCE" if oom else "INTEGRATION", symptom="training_error",
            root_cause="unknown",
            what_happened=f"The training process of run `{rec.run_id}` died by {name} after {rec.wall_s:.1f}s. "
                          f"{progress}",
            error_message=f"process died by {name} (exit status {rec.exit_code}): {meaning}",
            initial_hypothesis=("Out of memory: the kernel's OOM killer sends SIGKILL." if oom else
                                f"A crash in native code ({name})."),
            tests=tests, fix=None,
            why=Why(root_cause=f"{meaning[0].upper()}{meaning[1:]}. The tool cannot tell more from inside: "
                               "nothing was raised in Python.",
                    domain_insight=f"None yet about {about}: the run never finished.",
                    implication="None until the run completes."),
            next_steps=(["Check `dmesg` / the scheduler's log for an out-of-memory kill.",
                         "Lower `batch_size` or the model size in [config], or run on a machine with more memory."]
                        if oom else ["Run the entrypoint under `python -X faulthandler` to get the native stack.",
                                     "Check the versions of the native libraries (torch, numpy, CUDA) in the "
                                     "model manifest of a previous good run."]),
            status="unresolved", run_ids=[rec.run_id])

    err = rec.error
    assert err is not None
    if err.exc_type == "ContractViolation":
        fn = spec.model.entrypoint
        return DiaryEntry(
            id=entry_id, date=date, category="LOGIC", symptom="training_error", root_cause="code_error",
            what_happened=f"The run `{rec.run_id}` of `{where}` finished without raising, but {err.message}. "
                          f"{progress} The run was not accepted and no model was published.",
            error_message=err.message,
            initial_hypothesis="The training code does not return what the contract asks for.",
            tests=[TestRecord(1, "The returned value meets the contract", "Check the returned model and the "
                              "logged epochs", "measurement", rec.run_id, err.message, None)],
            fix=None,
            why=Why(root_cause=f"The code's result falls short of the contract: {err.message}. A model that is "
                               "missing, cannot be saved or cannot predict cannot be accepted, whatever its losses.",
                    domain_insight=f"None yet about {about}: no usable model came out of the run.",
                    implication="None until the code returns a usable model."),
            next_steps=[f"Change `{fn}` so that it returns a picklable model with predict() and logs its epochs "
                        "(monitor.log_epoch, or a returned history).",
                        "Re-run `model-trainer train`; the diary numbering continues."],
            status="unresolved", run_ids=[rec.run_id])
    if err.exc_type in ("NoEndMessage", "RecordMismatch"):
        return DiaryEntry(
            id=entry_id, date=date, category="INTEGRATION", symptom="training_error", root_cause="unknown",
            what_happened=f"The run `{rec.run_id}` of `{where}` cannot be trusted: {err.message}. {progress}",
            error_message=f"{err.exc_type}: {err.message}",
            initial_hypothesis=("The training process ended itself (sys.exit / os._exit) or was ended from "
                                "outside before it finished." if err.exc_type == "NoEndMessage" else
                                "Epochs were lost between the training process and the record."),
            tests=[TestRecord(1, "The record of the run is complete", "Compare the end-of-run message with the "
                              "epochs received", "measurement", rec.run_id, err.message, None)],
            fix=None,
            why=Why(root_cause=f"{err.message[0].upper()}{err.message[1:]}.",
                    domain_insight=f"None about {about}: an incomplete record says nothing reliable.",
                    implication="None until a complete run exists."),
            next_steps=["Remove any sys.exit / os._exit from the training code and re-run `model-trainer train`.",
                        "Check `training_full.log` for what happened around the end of the run."],
            status="unresolved", run_ids=[rec.run_id])
    frame = user_frame(err.traceback, code_dir)
    loc = f"{paper_path(frame[0], spec.root)}, line {frame[1]}, in {frame[2]}" if frame else "the traceback above"
    tests.append(TestRecord(1, "The exception comes from the training code itself", "Read the traceback",
                            "measurement", rec.run_id,
                            (f"raised at {loc}" + (f": `{frame[3]}`" if frame and frame[3] else ""))
                            if frame else "no frame in the user's code: raised inside a library or the tool",
                            None))
    return DiaryEntry(
        id=entry_id, date=date, category="LOGIC" if frame else "INTEGRATION", symptom="training_error",
        root_cause="code_error" if frame else "unknown",
        what_happened=f"The run `{rec.run_id}` of `{where}` raised `{err.exc_type}` after {rec.wall_s:.1f}s. "
                      f"{progress}",
        error_message=paper_text(err.traceback or f"{err.exc_type}: {err.message}", spec.root),
        initial_hypothesis=(f"A bug in the training code at {loc}." if frame else
                            "A problem between the code and a library (versions, inputs)."),
        tests=tests, fix=None,
        why=Why(root_cause=f"`{err.exc_type}: {err.message}` raised at {loc}. A code error is documented, not "
                           "repaired: no configuration change can fix it, so none was tried.",
                domain_insight=f"None yet about {about}: the run stopped before it learned anything.",
                implication="None until the code runs."),
        next_steps=[f"Fix the code at {loc}" + (f" (`{frame[3]}`)" if frame and frame[3] else "") + ".",
                    "Re-run `model-trainer train`; the diary numbering continues."],
        status="unresolved", run_ids=[rec.run_id])
