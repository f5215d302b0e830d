"""The loop: run, judge, measure, test one change at a time, keep what helps, retrain the winner.

A test is a run with one change against the current configuration. It is short when the red flag shows within a
few epochs but is judged after the run (dying units, a constant output, oscillation), and a short winner is retrained
in full; it is full length for a divergence, which the watch stops as soon as it returns (a test that works is then
the final model), and for a flag that can only show over the whole horizon.
A change is confirmed only when the full run is *accepted* (``reason_to_reject``: no red flag, converged, not
clearly worse than the references). A change that removes the flag but leaves the model behind is "symptom
suppressed": the next change is stacked on it. A knob with a bracket of candidates is searched by successive halving.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from model_trainer import config_keys
from model_trainer.detect import HORIZON, ONLINE, Facts, Finding, first_finding
from model_trainer.detect import thresholds as T
from model_trainer.events import RunRecord
from model_trainer.failures import failure_entry
from model_trainer.investigate import entries, measure
from model_trainer.investigate.judge import (
    at_or_beyond_best_reference,
    at_the_constant,
    baseline_facts,
    behind_references,
    better,
    ended_on_a_swing,
    judged_value,
    learnt_nothing,
    mildly_behind,
    model_metric,
    reason_to_reject,
    record_facts,
    references_in_background,
    watch_for,
)
from model_trainer.investigate.state import Investigation
from model_trainer.kinds import knobs_of
from model_trainer.probes.error_messages import known_error
from model_trainer.probes.references import MAX_LEVELS
from model_trainer.records.fmt import num
from model_trainer.records.plots import preload as preload_plots
from model_trainer.repairs import CODE_ONLY, REPAIRS, Change, Context, for_cause, plan
from model_trainer.verdict import Verdict

EXIT_OK, EXIT_UNRESOLVED = 0, 1


def investigate(session: Any) -> Verdict:
    """Run the spec's training, judge it, and investigate what is wrong; the verdict (CONTRACT §7)."""
    verdict = _investigate(session)
    record_facts(session)  # with the references, which every judgment waited for
    return verdict


def _investigate(session: Any) -> Verdict:
    spec = session.spec
    prewarm = getattr(getattr(session, "supervisor", None), "prewarm", None)
    if prewarm is not None:
        # the process every run's child is forked from imports the libraries while the data are read
        prewarm(session.job("prewarm", dict(spec.config)))
    facts = baseline_facts(session, references=False)
    # the references fit while runs train: the first read of them (a judgment, a probe, an entry) waits for them, so
    # a flag they play no part in (a singular matrix, a divergence) starts its tests at once
    references_in_background(session)
    _log_data_warnings(session, facts.data)
    record_facts(session, wait=False)
    config = dict(spec.config)
    rec = session.run("train", config, full=True, watch=watch_for(facts))
    if not rec.ok or first_finding(rec.history, facts) is not None:
        preload_plots()  # a diary entry with a figure is now likely: its imports run while the references fit
    if not rec.ok:
        known = known_error(rec.error.exc_type, rec.error.message) if rec.error else None
        testable = _testable_failure(session, facts, rec, known)
        if testable is not None:
            return repair(testable)

        def build(i: int) -> Any:
            entry = failure_entry(rec, spec, i, session.entry.code_dir, spec.budget.time_limit)
            entry.references = entries.fitted_references(facts)
            if known is not None:
                entries.add_known_error(entry, known, spec.config)
            return entry
        e = session.write_entry(build, [("failed run", rec)])
        return entries.verdict(session, facts, "failed", EXIT_UNRESOLVED, rec, entry=e,
                               note=f"known error: {known['why']}" if known else "")
    facts = replace(facts, diagnostics=rec.diagnostics or None, warnings=_warnings(rec))
    finding = reason_to_reject(rec, facts)
    if finding is None:
        session.publish(rec)
        return entries.verdict(session, facts, "accepted", EXIT_OK, rec)
    session.ws.log.warning(f"red flag in run {rec.run_id}: {finding}")
    if prewarm is not None:
        prewarm(session.job("prewarm", dict(spec.config)))  # no-op where one already waits
        preload_plots()
    inv = Investigation(session, facts, facts.data, rec, finding, runs=[rec])
    return repair(inv)


def _testable_failure(session: Any, facts: Facts, rec: RunRecord, known: dict[str, Any] | None) -> Investigation | None:
    """A crash that a change can be tested against: the data hold what the estimator refused (NaN, a constant
    column), or the error message names a knob (a batch size). Else None: the crash is documented, not repaired."""
    if rec.status not in ("failed",) or rec.error is None or rec.error.exc_type == "ContractViolation":
        return None
    said = f"{rec.error.exc_type}: {rec.error.message}".strip()
    data_flag = first_finding([], facts)
    if data_flag is not None and (known is None or known["cause"] == "invalid_data"):
        finding = replace(data_flag, message=f"{data_flag.message}; the run failed with {said}")
    elif known is not None and known.get("knob") and known["knob"] in {
            *knobs_of(session.spec.model.kind).loop, *config_keys.canonical(session.spec.config)}:
        finding = Finding("training_error", None, f"the run failed with {said} ({known['why']})",
                          {"known_error_knob": known["knob"], "known_error_kind": known.get("kind"),
                           "cause": known["cause"]})
    else:
        return None
    session.ws.log.warning(f"run {rec.run_id} failed with a known error; testing the change it points at")
    inv = Investigation(session, facts, facts.data, rec, finding, runs=[rec])
    n = inv.add("The error message names its cause", "Matched the error message against known errors",
                "measurement", rec.run_id, f"{said} -> " + (known["why"] if known else data_flag.message), None)
    inv.suspect(known["cause"] if known else "invalid_data", 3.0, n)
    return inv


def _log_data_warnings(session: Any, rep: Any) -> None:
    log = session.ws.log
    passthrough = getattr(session.data, "passthrough", None)
    if passthrough:
        log.warning("data: column(s) " + ", ".join(f"`{c}`" for c in passthrough) + " hold values that are not "
                    "numbers: passed to the code as they are (as `data.ignore_columns` would) and left out of the "
                    "data checks; one with at most " + f"{MAX_LEVELS} values enters the references as an indicator per "
                    "value")
    if rep.non_finite:
        cells = ", ".join(f"`{c}` ({n})" for c, n in rep.non_finite.items())
        log.warning(f"data: non-finite values (NaN/inf) in {cells}: a red flag unless the code handles them (an "
                    "imputer) and its run stays finite")
    if rep.constant_columns:
        log.warning(f"data: constant column(s) {', '.join(rep.constant_columns)} carry no information")
    if rep.duplicate_rows:
        log.warning(f"data: {rep.duplicate_rows} validation row(s) also appear in the training data; validation "
                    "scores will be optimistic")
    log.line(f"data: {rep.n_train} train / {rep.n_val} val rows, {len(rep.features)} features, feature std spread "
             f"{rep.scale_spread:.3g}x" + (f", target std {num(rep.target_std)}" if rep.target_std is not None else ""))


def _warnings(rec: RunRecord) -> list[str]:
    # an optimiser's printed "stopped at the iteration limit" counts as its warning (scipy never warns about it)
    return [f"{w.category}: {w.message}" for w in rec.warnings] + [f"SolverOutput: {m}" for m in rec.solver_messages]


def knobs(inv: Investigation) -> set[str]:
    """Config keys a repair may change: what the spec's [config] has, plus what a built-in loop reads itself."""
    if takes_no_config(inv):
        return set()
    return set(inv.session.spec.config) | set(knobs_of(inv.session.spec.model.kind).loop)


def takes_no_config(inv: Investigation) -> bool:
    """A 2-argument ``train_model``: no config reaches the code, so only data repairs and diagnostics apply."""
    s = inv.session
    return s.spec.model.kind == "function" and getattr(s.entry, "arity", 4) == 2


def test_epochs(inv: Investigation) -> int | None:
    """None (full length) for horizon symptoms; else long enough for the flag to show again."""
    cur = inv.current or inv.finding
    if cur.symptom in HORIZON or inv.session.spec.model.kind == "mle":
        return None  # a fit is judged at its optimum, not after a few iterations
    if not inv.failing.ok and not inv.failing.history:
        # a crash before the first epoch left no curve for a short run to be compared with, and a fix that works
        # is then the final model at once instead of a short test and a full retrain
        return None
    planned = inv.facts.epochs_planned or len(inv.failing.history) or 10
    onset = cur.onset_epoch or len(inv.failing.history) or 1
    return int(min(planned, max(math.ceil(0.3 * planned), 2 * onset + 2, 5)))


# repairs that move a knob back the way a kept change moved it
_UNDOES = {"raise_lr": "lower_lr", "lower_lr": "raise_lr", "lower_regularization": "regularization",
           "regularization": "lower_regularization", "weight_decay": "lower_regularization"}
# changes that may stack on themselves: a curve still falling after more epochs asks for more again, a loss that
# still swings after a smaller step for a smaller one again (each step is judged like any other, so the search
# continues only while it improves and the budget lasts)
_REPEATS = ("more_epochs", "lower_lr")


def proposals(inv: Investigation, config: dict[str, Any], data: dict[str, Any],
              first: tuple[str, ...] = ()) -> list[Change]:
    """The changes to test next on ``config`` and ``data``: the repairs named in ``first``, then the symptom's
    plan, then those of the causes the measurements point at."""
    cur = inv.current or inv.finding
    # a built-in loop's own defaults are the values in use for loop knobs the spec leaves out: a repair starts there
    k = knobs_of(inv.session.spec.model.kind)
    # the repairs work under the knobs' canonical names; a change is made under the name the user's config uses
    own = config_keys.names(config)
    config = {**{key: v for key, v in k.defaults.items() if key in k.loop}, **config_keys.canonical(config)}
    ctx = Context(config=config, data_repairs=data, finding=cur, facts=inv.facts,
                  knobs=knobs(inv) | (set() if takes_no_config(inv) else set(own)),
                  measurements=inv.measurements, names=own)
    out = []
    if cur.evidence.get("cause") in CODE_ONLY:
        return []  # evidence of the code's own making: no knob or data repair reaches it, so none is tried
    if inv.measurements.get("cut_off_share", 0.0) >= T.CUT_OFF_SHARE:
        return []  # most of the weights never get a gradient: what any knob changes, they do not learn from
    overflow = "overflow" in cur.evidence
    repairs = [REPAIRS[r] for r in first if r in REPAIRS]
    repairs += [r for r in plan(cur.symptom, cur.onset_epoch, overflow, cur.evidence.get("cause")) if r not in repairs]
    # a measurement that points at a cause asks for its test, whatever the symptom's usual plan
    for cause in sorted(inv.suspicion, key=lambda c: -inv.suspicion[c]):
        if cause in inv.flag_removed:
            continue  # its change removed the flag it was about and is kept: its repairs do not answer what remains
        repairs += [r for r in for_cause(cause) if r not in repairs and inv.suspicion[cause] > 0]
    kept = {c.repair for c in inv.stack}
    # a kept change whose knob the finding still reads as beyond its usual range (a weight decay lowered from 30 to
    # 3) is taken further in the same direction
    further = cur.evidence.get("cause") if cur.evidence.get("config_suspects") else None
    for r in repairs:
        if (r.name in kept and r.name not in _REPEATS and r.root_cause != further) or _UNDOES.get(r.name) in kept:
            continue  # a kept change is neither repeated on top of itself nor undone (the lr lowered, then raised)
        change = r.propose(ctx)
        if change is None:
            continue
        for c in {id(c): c for c in [change, *change.bracket]}.values():
            c.config_after = config_keys.to_user(c.config_after, own)
        if overflow:
            change.root_cause = "numerical_overflow"
        if inv.refuted(change.root_cause) and change.repair not in ("standardize_target", "standardize"):
            continue  # the evidence already ruled this cause out: no budget on it
        out.append(change)
    return out


def prioritise(inv: Investigation, changes: list[Change]) -> list[Change]:
    """Repairs the measurements point at move to the front (stable otherwise); both-unscaled → one compound."""
    def score(c: Change) -> float:
        return -inv.suspicion.get(c.root_cause, 0.0)
    ordered = sorted(changes, key=score)
    rep = inv.report
    names = {c.repair for c in ordered}
    if rep.unscaled_features and rep.unscaled_target and {"standardize", "standardize_target"} <= names:
        a = next(c for c in ordered if c.repair == "standardize")
        data = {**a.data_after, "standardize": True, "standardize_target": True}
        both = Change("standardize_both", "unscaled_features", "Features and target both far from unit scale",
                      "standardize features and target together", dict(a.config_after), data,
                      "# Before: the data as given",
                      "# After: data repairs applied by model-trainer\nstandardize = true\nstandardize_target = true")
        ordered.insert(0, both)
    if "tolerance_key" in (inv.current or inv.finding).evidence or (inv.failing.diagnostics or {}).get("fit_success"):
        # the optimiser's own report says its tolerance stopped it, or the model is a scipy fit that stopped by a
        # loose tolerance from [config] and is behind: a tighter one is tested before any guess about scales
        ordered.sort(key=lambda c: c.repair != "tighter_tolerance")
    return ordered


def online(f: Finding) -> bool:
    """A flag the watch raises while a run trains (a divergence, a jump of the loss): it shows again within a few
    epochs of a test run, so a test for it runs to full length."""
    return f.symptom in ONLINE or "diverged_to" in f.evidence


def _same_problem(a: Finding, b: Finding) -> bool:
    """The same red flag for the same reason: a detector's finding and the judge's (a curve still falling, a model
    behind the references) can share a symptom name and still be different problems."""
    keys = ("vs_references", "cause", "residual_trend")
    # a jump of the loss (the watch's) and swings over the second half are one name for two observations
    jumped = ("diverged_to" in a.evidence) == ("diverged_to" in b.evidence)
    return a.symptom == b.symptom and jumped and all(a.evidence.get(k) == b.evidence.get(k) for k in keys)


def _held_run_stands(inv: Investigation, held: tuple[Change, RunRecord, list[Change], int]
                     ) -> tuple[Change, RunRecord, list[Change]]:
    """The knob a run was held back for (still beyond its usual range), taken further in the same direction, made
    the model no better: its value is not what holds that run back, and the run stands, its changes confirmed by the
    test that removed the flag (the gap alone, without a second sign, is acceptable). Said on the last test."""
    change, run, under, n = held
    v = judged_value(run, inv.facts.higher_is_better)
    inv.tests[-1].result += (f"; no better than run `{run.run_id}`" + (f" ({inv.facts.metric} {num(v)})" if v is not
                                                                      None else "")
                             + f": taking it further does not help, so the value left by {change.description} is "
                             "not what holds that run back; it is accepted")
    inv.tests[-1].passed = False
    knob = change.description.split(" ")[0]
    inv.accepted_despite = (f"held back at first for its {knob} beyond the usual range (test {n}); taking {knob} "
                            f"further did no better (test {inv.tests[-1].n})")
    for kept in [*under, change]:
        for cause in _causes_of(kept):
            inv.settle(cause, "confirmed", n)
    return change, run, under


def _held_back(inv: Investigation, candidate: tuple[Change, RunRecord, list[Change]]) -> str | None:
    """Why an acceptable run does not answer the red flag under investigation, or None where it does.

    A flag raised on a model more than ``REF_MILD_RATIO`` behind its best reference together with a second sign (a
    memorised training split, a configuration value out of range: ``evidence["mild"]``) is answered only when the
    gap is gone too. A change that removes the second sign alone (dropout lifts the training loss, early stopping
    hides the rise) and leaves the model that far behind has suppressed the flag, not repaired the model.
    """
    if not (inv.finding.evidence or {}).get("mild"):
        return None
    change, rec, _ = candidate
    v = judged_value(rec, inv.facts.higher_is_better)
    gap = mildly_behind(v, facts_for(inv, change, rec)) if v is not None else None
    if gap is None:
        return None
    return (f"{inv.facts.metric} {num(v)} is still {gap:.2f}x the best reference's error, above the "
            f"{T.REF_MILD_RATIO:g}x the red flag was raised on")


def _gained(inv: Investigation, rec: RunRecord) -> bool:
    """The run's error is at least ``CONVERGED_TAIL_GAIN`` lower than the run it is compared with."""
    hib = inv.facts.higher_is_better
    key, new = model_metric(rec, hib)
    key_old, old = model_metric(inv.compare_with or inv.failing, hib)
    if key != key_old or not (math.isfinite(new) and math.isfinite(old)):
        return False
    e_new, e_old = (1 - new, 1 - old) if key == "metric" and hib else (new, old)
    return e_new <= (1 - T.CONVERGED_TAIL_GAIN) * e_old


def _causes_of(change: Change) -> list[str]:
    """The causes a change tests: one, or two for the compound standardisation of features and target."""
    return [change.root_cause, "unscaled_target"] if change.repair == "standardize_both" else [change.root_cause]


def _out_of_budget(inv: Investigation) -> bool:
    s = inv.session
    return inv.attempts >= s.spec.budget.max_attempts or s.out_of_time()


def repair(inv: Investigation) -> Verdict:
    base_cfg, base_data = dict(inv.session.spec.config), {}
    measure.probe(inv)
    measure.label_control(inv)
    queue = prioritise(inv, proposals(inv, base_cfg, base_data))
    bare = takes_no_config(inv)
    for c in [c for c in queue if c.missing_key]:
        inv.unavailable.append(f"{c.repair} ({c.description}): not available: " + (
            f"train_model takes no config; give it a third parameter `config` and read `{c.missing_key}` from it"
            if bare else f"add `{c.missing_key}` to [config]"))
    queue = [c for c in queue if not c.missing_key]
    if inv.unavailable:
        measure.record(inv)
    if bare and not queue:
        return entries.post_hoc(inv)  # no data repair or diagnostic applies, and no knob reaches the code
    initial = queue[0].hypothesis if queue else "No repair applies to this symptom"
    winner: tuple[Change, RunRecord] | None = None
    # an accepted run still well behind the best reference: the best so far, with the kept changes under it, while
    # a few more changes are tried on top of it while they keep paying (``misses``)
    candidate: tuple[Change, RunRecord, list[Change]] | None = None
    misses = 0  # changes tried on top of the candidate in a row and not kept
    best_suppressed: tuple[Change, RunRecord] | None = None
    # a run that removed the flag under test and was held back only because the knob its change moved is still
    # beyond its usual range: (its change, its run, the changes under it, its test)
    range_held: tuple[Change, RunRecord, list[Change], int] | None = None
    escalated = False
    done: set[str] = set()
    while queue:
        change = queue.pop(0)
        if change.description in done:
            continue
        if _out_of_budget(inv):
            escalated = candidate is None
            break
        done.add(change.description)
        n_runs = len(inv.runs)
        change, ran = search_bracket(inv, change)
        # a search's winner is run in full: its short run was the search's evidence, and another short one adds
        # nothing but a run before the full one
        trec = run_test(inv, change, ran, full=len(inv.runs) > n_runs)
        if (trec is None and range_held is not None and candidate is None and change.repair == range_held[0].repair
                and inv.tests and inv.tests[-1].action == change.description and inv.tests[-1].passed is False):
            candidate = _held_run_stands(inv, range_held)  # the further step did worse
            break
        if trec is None:
            continue
        if getattr(REPAIRS.get(change.repair), "diagnostic", False):
            if _diagnosed(inv, change, trec) and not getattr(REPAIRS.get(change.repair), "compensable", False):
                break  # the cause is confirmed and only a change to the code fixes it: no budget on knobs
            continue
        final = trec
        if short(inv, trec):
            if _out_of_budget(inv):
                escalated = True
                break
            final = inv.session.run(f"final-{change.repair}", change.config_after, change.data_after, full=True,
                                    watch=watch_for(inv.facts), purpose="final")
            inv.attempts += 1
            inv.runs.append(final)
        verdict_flag = reason_to_reject(final, facts_for(inv, change, final)) if final.ok else None
        if final.ok and verdict_flag is None:
            verdict_flag = learnt_nothing(final, facts_for(inv, change, final))
            if verdict_flag is not None and verdict_flag.evidence.get("cause"):
                inv.suspect(verdict_flag.evidence["cause"], 1.0, inv.tests[-1].n)
        if (range_held is not None and candidate is None and change.repair == range_held[0].repair and final.ok
                and (_better_run(inv, range_held[1], final) if verdict_flag is None
                     else not _better_run(inv, final, range_held[1]))):
            candidate = _held_run_stands(inv, range_held)
            break
        if candidate is not None and not (final.ok and verdict_flag is None and _better_run(inv, final, candidate[1])):
            # a change tried on top of an accepted run that does no better (or is not acceptable): not kept, and it
            # confirms nothing
            why_not = verdict_flag.message if verdict_flag is not None else (
                f"status {final.status}" if not final.ok else f"no better than run `{candidate[1].run_id}`")
            inv.tests[-1].result += f"; {why_not}: not kept"
            inv.tests[-1].passed = False
            misses += 1
            if misses >= T.POLISH_TESTS:
                break  # the search on top of the candidate stopped paying: it stands
            continue
        if final.ok and verdict_flag is None:
            kept_now = [*inv.stack, change]  # the accepted run carries every kept change: each was needed for it
            if candidate is None or _better_run(inv, final, candidate[1]):
                candidate = (change, final, list(inv.stack))
            v = judged_value(candidate[1], inv.facts.higher_is_better)
            # judged with the accepted run's own diagnostics: a model linear in its inputs is held to the linear
            # reference only
            f_cand = facts_for(inv, candidate[0], candidate[1])
            gap = mildly_behind(v, f_cand) if v is not None else None
            # or a model that is a bad draw of its own run's last epochs: what a lower learning rate settles
            swing = ended_on_a_swing(candidate[1], f_cand) if gap is None else None
            misses = 0
            polish_on = (gap is not None or swing is not None) and not _out_of_budget(inv)
            if polish_on:
                # acceptable, yet well behind what a linear model or boosted trees reach on the same split: the kept
                # changes stay, and the next ones are tried on top of them while the polishing budget lasts
                base_cfg, base_data = dict(candidate[0].config_after), dict(candidate[0].data_after)
                if inv.first_accepted is None:
                    inv.first_accepted = (len(candidate[2]) + 1, candidate[1])
                inv.stack = [*candidate[2], candidate[0]]
                inv.compare_with = candidate[1]
                inv.polishing = True
                # a swing at the end asks for a smaller step, and only that: no other change settles it (a step
                # raised by a kept change is not lowered again)
                firsts = ("lower_lr",) if swing is not None else ()
                queue = [c for c in prioritise(inv, proposals(inv, base_cfg, base_data, firsts))
                         if not c.missing_key and c.description not in done
                         and (swing is None or c.repair in firsts)]
                polish_on = bool(queue)
            # a run changes on top of which are still to be tried is the best so far, not yet the one accepted
            held = _held_back(inv, candidate)
            word = "acceptable" if polish_on else "accepted" if held is None else "not accepted"
            n = test_n = inv.tests[-1].n
            if final is not trec:
                fv = judged_value(final, inv.facts.higher_is_better)
                n = inv.add(change.hypothesis, f"Retrained in full with {change.description}", "intervention",
                            final.run_id, f"{word.capitalize()}: no red flag in {len(final.history)} "
                            f"{'iterations' if inv.facts.kind == 'mle' else 'epochs'}, converged"
                            + (f", {inv.facts.metric} {num(fv)} not clearly worse than the references"
                               if fv is not None else "") + (f", yet {held}" if held is not None else ""),
                            True if held is None else None)
            else:
                inv.tests[-1].result += f"; {word}: converged and not clearly worse than the references" + (
                    f", yet {held}" if held is not None else "")
                if held is not None:
                    inv.tests[-1].passed = None  # it helped; it did not repair: no mark either way
            for kept in kept_now:
                for cause in _causes_of(kept):
                    if held is None:
                        inv.settle(cause, "confirmed", test_n)
                        inv.settle(cause, "confirmed", n)
                    else:
                        # the flag's second sign is gone, its first (the gap) is not: evidence, not a confirmation
                        inv.removed_flag(cause, test_n)
                        inv.removed_flag(cause, n)
            if not polish_on:
                break
            why = (f"still {gap:.2f}x the best reference's error" if gap is not None else
                   f"its last epoch ended at {inv.facts.metric if swing[0] == 'metric' else 'validation loss'} "
                   f"{num(swing[1])}, against a median of {num(swing[2])} over the epochs before it"
                   if swing is not None else "")
            # a held-back run's result already says how far behind it is
            inv.tests[-1].result += ((f"; {why}:" if held is None else ";")
                                     + " kept, and the next change is tried on top of it")
            continue
        what = verdict_flag.message if verdict_flag else f"status {final.status}"
        cur = inv.current or inv.finding
        still_flagged = verdict_flag is not None and _same_problem(verdict_flag, cur)
        # a repeatable change (more epochs) that cut the error clearly while the judge's flag stays (a curve still
        # falling) supports its cause: kept, and asked for again, rather than refuted
        again = still_flagged and final.ok and change.repair in _REPEATS and _gained(inv, final)
        if (still_flagged and not again) or not final.ok:
            if final is not trec:
                n = inv.add(change.hypothesis, f"Retrained in full with {change.description}", "intervention",
                            final.run_id, f"The full run was not accepted: {what}", False)
            else:
                n = inv.tests[-1].n
                inv.tests[-1].passed = False
                inv.tests[-1].result += f"; not accepted: {what}"
            inv.settle(change.root_cause, "refuted", n)
            inv.failed.append(change.description)
            continue
        # The red flag under test is gone (in the full run too): evidence for the change's cause, which is kept.
        # What remains (a curve still falling, a model behind the references) is the next problem, judged on its
        # own and worked on with changes stacked on this one. The judge reports a still-falling curve before a gap
        # to the references, so a gap under test is gone only when the run is no longer behind them.
        f_final = facts_for(inv, change, final)
        gone = not again and not (cur.evidence.get("vs_references")
                                  and (v := judged_value(final, inv.facts.higher_is_better)) is not None
                                  and behind_references(v, f_final) is not None)
        said = (f"the `{cur.symptom}` red flag is gone" if gone else
                "improved clearly, not converged yet" if again else
                "improved, still clearly worse than the references")
        test_n = inv.tests[-1].n
        if final is not trec:
            n = inv.add(change.hypothesis, f"Retrained in full with {change.description}", "intervention",
                        final.run_id, f"{said[0].upper()}{said[1:]} in the full run as well; not accepted yet: "
                        f"{what}; worked on next", True)
        else:
            n = inv.tests[-1].n
            if "a different one shows" in inv.tests[-1].result or (again and what in inv.tests[-1].result):
                inv.tests[-1].result += (f"; {said}" if again else "") + "; worked on next"  # the result says both
            else:
                inv.tests[-1].result += f"; {said}; not accepted yet: {what}; worked on next"
        for cause in _causes_of(change):
            if gone:
                inv.removed_flag(cause, test_n)
                inv.removed_flag(cause, n)
            else:
                inv.suspect(cause, 0.0, n)  # it helped without removing the flag: open, with this test as evidence
        inv.suppressed.append(f"{change.description} removed the `{cur.symptom}` red flag (test {n})" if gone else
                              f"{change.description} improved the model (test {n})")
        inv.remaining = what
        best_suppressed = (change, final)
        base_cfg, base_data = dict(change.config_after), dict(change.data_after)
        # held back only for the knob this change moved: kept as the run to return to; any other kept change
        # builds on something else
        range_held = ((change, final, list(inv.stack), n)
                      if verdict_flag is not None and verdict_flag.evidence.get("config_suspects") and final.ok
                      and verdict_flag.evidence.get("cause") == change.root_cause else None)
        # keep the improvement and work on what remains: the next change is stacked on this one
        inv.stack.append(change)
        if verdict_flag is not None:
            inv.current, inv.compare_with = verdict_flag, final
        queue = [c for c in prioritise(inv, proposals(inv, base_cfg, base_data))
                 if not c.missing_key and c.description not in done]
    held = _held_back(inv, candidate) if candidate is not None else None
    if candidate is not None and held is not None:
        # the best run removed the flag's second sign and kept the gap it was raised on: improved, not repaired
        inv.stack = [*candidate[2], candidate[0]]
        inv.suppressed.append(f"{candidate[0].description} improved the model (run `{candidate[1].run_id}`)")
        inv.remaining = held
        escalated = _out_of_budget(inv) or inv.attempts >= inv.session.spec.budget.max_attempts
        return entries.document_failure(inv, initial, escalated, (candidate[0], candidate[1]))
    if candidate is not None:
        inv.stack = candidate[2]
        winner = (candidate[0], candidate[1])
    if winner is None:
        if not queue and not escalated and inv.attempts >= inv.session.spec.budget.max_attempts:
            escalated = True
        return entries.document_failure(inv, initial, escalated, best_suppressed)
    change, final = winner
    inv.session.publish(final)
    return entries.document_success(inv, initial, change, final)


def search_bracket(inv: Investigation, change: Change) -> tuple[Change, RunRecord | None]:
    """Successive halving over a knob's candidates: short runs, keep the better half, continue while it improves.

    The first candidate runs in full where the repair's search order puts the likely winner first, or where a
    failing candidate is cheap (a divergence, stopped by the watch), and is compared with the others at the short
    runs' horizon from its own history. Accepted and at or beyond the best reference, it ends the search; kept as
    the winner, its run is the test. Either way a winner found first needs no retrain. Returns the change to test
    and, when the winner's full run exists, that run. Without a bracket the change is returned as it is. The cost
    is one run per candidate tried.
    """
    cands = list(getattr(change, "bracket", None) or [])
    if len(cands) < 2:
        return change, None
    n_epochs = test_epochs(inv) or inv.facts.epochs_planned
    budget_epochs = max(2, (n_epochs or 10) // 2)
    scored: list[tuple[float, Change, RunRecord, float, bool]] = []
    hib = inv.facts.higher_is_better
    best_val = math.inf
    first_full: RunRecord | None = None
    # the first candidate runs in full where it is the likely winner, or where a failing one costs little: a
    # divergence under test is stopped by the watch as soon as it shows again
    repair = REPAIRS.get(change.repair)
    full_first = bool(getattr(repair, "likely_first", False)) or online(inv.current or inv.finding)
    for cand in cands:
        if _out_of_budget(inv) or inv.attempts + 2 > inv.session.spec.budget.max_attempts:
            break
        full = full_first and not scored
        if not scored and not full and inv.attempts + 3 > inv.session.spec.budget.max_attempts:
            # a search is two short runs and the winner's full one: with less budget left, the change is tested
            # as it is, rather than a short run that neither the search nor the test would use
            return change, None
        rec = inv.session.run(f"bracket-{cand.repair}", cand.config_after, cand.data_after,
                              stop_after_epochs=None if full else budget_epochs, watch=watch_for(inv.facts),
                              purpose="test")
        inv.attempts += 1
        inv.runs.append(rec)
        if full:
            first_full = rec
            whole = judged_value(rec, hib)
            if rec.ok and whole is not None and at_or_beyond_best_reference(whole, inv.facts) and \
                    reason_to_reject(rec, facts_for(inv, cand, rec)) is None:
                # as good as the best reference: what the other candidates could add is not worth their runs
                inv.add(change.hypothesis, f"Ran the bracket's first candidate, {cand.description}, in full",
                        "measurement", rec.run_id, f"no red flag, converged, {inv.facts.metric} {num(whole)} at or "
                        "beyond the best reference: the search stops here", None)
                return cand, rec
        # code without a monitor cannot be stopped short: its run is read at the others' horizon, as a full first
        # candidate's is
        longer = full or len(rec.history) > budget_epochs
        key, val = model_metric(rec, hib, upto_epoch=budget_epochs if longer else None)
        loss = -val if key == "metric" and hib else val
        if not rec.ok or not math.isfinite(loss):
            loss = math.inf
        # a candidate whose run still shows the red flag under test ranks after every one that cleared it
        hist = [e for e in rec.history if e.epoch <= budget_epochs] if longer else rec.history
        flag = first_finding(hist, facts_for(inv, cand, rec, finished=False)) if rec.ok else None
        flagged = flag is not None and _same_problem(flag, inv.current or inv.finding)
        scored.append((loss, cand, rec, val, flagged))
        if math.isfinite(best_val) and loss > best_val + 1e-4 * abs(best_val):
            # the bracket got worse: the better half is behind us (a diverging first step is not that; a tie is a
            # plateau, where a penalty or step still too strong changes nothing yet, so the search goes on)
            break
        best_val = min(best_val, loss)
    if not scored or (len(scored) == 1 and first_full is None):
        return change, None  # no search happened: the test itself is the one run
    scored.sort(key=lambda t: (t[4], t[0]))
    winner = scored[0]
    if len(scored) > 1:
        listing = "; ".join(f"{c.description}: {num(v) if math.isfinite(loss) else 'failed'}"
                            f"{' (red flag still shows)' if flagged else ''} (run `{r.run_id}`"
                            f"{', in full, read at that epoch' if len(r.history) > budget_epochs else ''})"
                            for loss, c, r, v, flagged in scored)
        at = f", compared at epoch {budget_epochs}" if any(len(r.history) > 1 for _, _, r, _, _ in scored) else ""
        inv.add(change.hypothesis, f"Searched {len(scored)} candidates{at}",
                "measurement", winner[2].run_id, f"{listing} -> kept {winner[1].description}", None)
    # a winner whose run went the whole length (the first in full, or code that cannot be stopped short) is the test
    complete = winner[2] is first_full or (winner[2].ok and not winner[2].stop_reason and not short(inv, winner[2]))
    return winner[1], (winner[2] if complete else None)


def short(inv: Investigation, rec: RunRecord) -> bool:
    """True when the test's epoch limit cut it before the length a full training would run (so the winner is
    retrained). A run that ended by its own code (one fit of an estimator whose ``epochs`` counts its trees, the
    code's own early stop) ran as a full training would, whatever ``epochs`` says."""
    if not rec.stop_reason.startswith("test run limited"):
        return False
    planned = inv.facts.epochs_planned
    if planned is None and inv.failing.status == "completed" and inv.failing.history:
        # no epoch count in the config: the first run's own length, where it ended by itself, is a full training's
        # (one fit of an estimator is one epoch, whatever limit the test was given)
        planned = len(inv.failing.history)
    if planned is None:
        return True
    return len(rec.history) < planned and not any(n.startswith("restored the weights") for n in rec.notes)


def run_test(inv: Investigation, change: Change, ran: RunRecord | None = None, full: bool = False) -> RunRecord | None:
    """One intervention. Returns the run when the flag under test is gone and the metric improved (another flag may
    show, which the loop then works on), else None. ``ran``: the change's full-length run, already made by the
    bracket search, which is then judged as the test instead of running another."""
    s = inv.session
    # a divergence shows again within a few epochs and the watch stops the run when it does: a test for one runs to
    # full length, so a change that works is the final model at once instead of a short test and a full retrain
    n_epochs = None if ran is not None or full or online(inv.current or inv.finding) else test_epochs(inv)
    if ran is not None:
        trec = ran
    else:
        label = f"test{len([t for t in inv.tests if t.kind == 'intervention']) + 1}-{change.repair}"
        trec = s.run(label, change.config_after, change.data_after, stop_after_epochs=n_epochs,
                     watch=watch_for(inv.facts), purpose="test")
        inv.attempts += 1
        inv.runs.append(trec)
    planned = change.config_after.get("epochs", inv.facts.epochs_planned)
    is_short = n_epochs is not None and (not isinstance(planned, int) or n_epochs < planned)
    facts = facts_for(inv, change, trec, finished=not is_short)
    flag = first_finding(trec.history, facts) if trec.ok else None
    hib = inv.facts.higher_is_better
    key, new = model_metric(trec, hib)
    base = inv.compare_with or inv.failing
    base_key, old = model_metric(base, hib, upto_epoch=len(trec.history) if n_epochs else None)
    d_new, d_old = trec.diagnostics, base.diagnostics
    own_new, own_old = ((d or {}).get("metric_own") for d in (d_new, d_old))
    have_own = all(isinstance(v, (int, float)) and math.isfinite(v) for v in (own_new, own_old))
    rescaled = any(change.data_after.get(k) != (base.data_repairs or {}).get(k)
                   for k in ("standardize_target", "rescale_target"))
    by_own = have_own and (key != base_key or (key != "metric" and rescaled))
    if by_own:
        # a metric against a loss, or losses on two scales of the target: the model's own predictions on the
        # validation file, scored in the target's units, are what both runs can be compared by
        key, new, old = "metric", float(own_new), float(own_old)
    improved = better(key, new, old, hib)
    if d_new and d_old and not improved and "bic" in d_new:
        # a fit: a simpler parameterisation that explains the data better per parameter also counts
        improved = d_new["bic"] < d_old["bic"]
    # the same curve so far and the same model: a run that stopped early or restored its best weights returns
    # another model even where its curve is a prefix of the failing run's
    changed_model = any(n.startswith("restored the weights") for n in trec.notes) or \
        "early stopping" in (trec.stop_reason or "")
    # the same predictions to float precision where the losses are on two scales (the target rescaled, or one run
    # judged by its own predictions): the code undid the change (it standardises the target itself)
    same = (math.isclose(new, old, rel_tol=T.SAME_SCORE_REL) if by_own or rescaled
            else new == old and _same_losses(trec, base))
    no_effect = trec.ok and math.isfinite(new) and same and not changed_model
    if trec.ok and d_new and d_old and "nll" in d_new and "nll" in d_old:
        from model_trainer.mle.compare import compare

        # a fit is judged by its NLL, AIC and condition number, not by its predictions alone: dropping a parameter
        # the likelihood ignores leaves the RMSE as it was and still makes the information matrix invertible
        no_effect = compare(d_old, d_new)["no_effect"]
    label_m = inv.facts.metric if key == "metric" else key
    if by_own:
        label_m += " of the model's own predictions"
    cur = inv.current or inv.finding
    other = False
    if no_effect:
        result = f"No effect: {label_m} {num(new)}, identical to the failing run's; this test says nothing"
        passed: bool | None = None
    elif not trec.ok and trec.error and not trec.history and inv.failing.ok:
        # the run trained before the change and the changed run raised before its first epoch: the code refused the
        # change (a value its library spells otherwise), which says nothing about the cause
        result = (f"The run failed before its first epoch: {trec.error.exc_type}: {trec.error.message}; the code "
                  "refused the change, so this test says nothing about the cause")
        passed = None
    elif not trec.ok:
        result = f"The run {trec.status}" + (f": {trec.error.exc_type}: {trec.error.message}" if trec.error else "")
        passed = False
    elif flag is not None and _same_problem(flag, cur):
        result = f"Still {flag.symptom.replace('_', ' ')}: {flag.message}"
        passed = False
        if cur.evidence.get("warning") and change.repair in _REPEATS and improved and _gained(inv, trec):
            # the solver says it stopped at its limit, and more iterations cut the error clearly while it still says
            # so: support for the cause, not a refutation; the loop keeps it and asks for more again (a network's
            # curve that still falls after more epochs is another matter: its step may be the problem)
            result += f"; {label_m} {num(new)} (was {_was(old)})"
            passed = other = True
    elif flag is not None:
        # the flag under test went away and another shows: kept if it helped, and the other is worked on next
        result = (f"The `{cur.symptom}` red flag is gone; a different one shows: `{flag.symptom}`: {flag.message}; "
                  f"{label_m} {num(new)} (was {_was(old)})")
        passed = False
        # a better score is worth building on only from a model that learnt something: a run that went NaN (or
        # answers as the constant would) scores better than a diverged one by predicting one class or the mean
        now = judged_value(trec, hib)
        other = improved and flag.symptom != "nan_loss" and not (now is not None and at_the_constant(now, facts))
    elif not improved and not (math.isfinite(old) and not better(key, old, new, hib)):
        if inv.polishing and trec.ok:
            result = f"No red flag; {label_m} {num(new)} against {_was(old)} for the accepted run it was tried on"
            passed = True  # the loop keeps it only where it beats that run
        elif not is_short and trec.ok and reason_to_reject(trec, facts) is None:
            # the run compared with still showed the flag and was not acceptable; this one is, whatever the noise
            # between two runs says about the last digits
            result = (f"No red flag; {label_m} {num(new)} against {_was(old)} for the run it is compared with, "
                      f"which showed `{cur.symptom}`")
            passed = True
        else:
            result = f"No red flag, but {label_m} {num(new)} is worse than {_was(old)} before"
            passed = False
    elif not improved:
        # the flag is gone and the model is as good as before (a saturated accuracy, say): the flag was the problem
        result = f"No red flag; {label_m} {num(new)}, as before"
        passed = True
    else:
        unit = "iterations" if inv.facts.kind == "mle" else "epochs"
        result = (f"No red flag in {len(trec.history)} {unit}; {label_m} {num(new)} (was {_was(old)} at the same "
                  f"{unit[:-1]})" if n_epochs and not by_own
                  else f"No red flag; {label_m} {num(new)} (was {_was(old)})")
        passed = True
    if key != "metric" and trec.ok and not n_epochs and have_own:
        # the code logs a loss only: the model's own score on the validation file, in the target's units, beside it
        result += f"; {inv.facts.metric} of the model's own predictions {num(own_new)} (was {num(own_old)})"
    if d_new and d_old and "nll" in d_new and "nll" in d_old:
        result += "; " + entries.fit_comparison(d_old, d_new)
        entries.record_comparison(inv, trec, d_old, d_new)
    n = inv.add(change.hypothesis, change.description, "intervention", trec.run_id, result, passed)
    if passed is None:
        inv.suspect(change.root_cause, 0.0, n)
        return None
    if other:
        return trec  # the loop judges it in full and stacks the next change on it
    if not passed:
        if (flag is not None and not _same_problem(flag, cur) and trec.ok) or len(_causes_of(change)) > 1:
            # a different problem, or a compound change: the test neither confirms nor refutes one cause
            inv.suspect(change.root_cause, 0.0, n)
        else:
            inv.settle(change.root_cause, "refuted", n)
        inv.failed.append(change.description)
        return None
    return trec


def _better_run(inv: Investigation, a: RunRecord, b: RunRecord) -> bool:
    """``a``'s error is lower than ``b``'s by more than ``POLISH_GAIN``: a gain beyond the last digits of noise."""
    hib = inv.facts.higher_is_better
    va, vb = judged_value(a, hib), judged_value(b, hib)
    if va is None or vb is None:
        return False
    ea, eb = (1 - va, 1 - vb) if hib else (va, vb)
    return ea < (1 - T.POLISH_GAIN) * eb


def _diagnosed(inv: Investigation, change: Change, trec: RunRecord) -> bool:
    """A diagnostic test (``Repair.diagnostic``) that removed the flag: its cause is confirmed when its run is also
    acceptable; one still held back for the same reason leaves the cause open, with this test as evidence. The run
    is never accepted either way."""
    test = inv.tests[-1]
    facts = facts_for(inv, change, trec)
    flag = (reason_to_reject(trec, facts) or learnt_nothing(trec, facts)) if trec.ok else None
    if flag is not None:
        test.passed = False
        test.result += f"; not acceptable either: {flag.message}; the cause stays open"
        inv.suspect(change.root_cause, 1.0, test.n)
        return False
    fixed_in = getattr(REPAIRS.get(change.repair), "fixed_in", "code")
    test.result += (f"; the cause is confirmed. This is a test, not a repair: only a change to the {fixed_in} removes "
                    "the cause, so this run's model is not accepted")
    inv.settle(change.root_cause, "confirmed", test.n)
    inv.diagnosed = (change, trec, test.n)
    return True


def _same_losses(a: RunRecord, b: RunRecord) -> bool:
    n = min(len(a.history), len(b.history))
    for key in ("train_loss", "val_loss"):
        va = [e.get(key) for e in a.history[:n]]
        vb = [e.get(key) for e in b.history[:n]]
        if va != vb:
            return False
    return n > 0


def facts_for(inv: Investigation, change: Change, rec: RunRecord, finished: bool = True) -> Facts:
    """Facts as a run with this change sees them: its config (early stopping on, more epochs) and its data
    (a dropped NaN row is no longer invalid data)."""
    epochs = config_keys.value(change.config_after, "epochs")
    return replace(inv.facts, config=dict(change.config_after), data=inv.report.with_repairs(change.data_after),
                   epochs_planned=epochs if isinstance(epochs, int) else inv.facts.epochs_planned, finished=finished,
                   diagnostics=rec.diagnostics or None, warnings=_warnings(rec))


def _was(value: float) -> str:
    return num(value) if math.isfinite(value) else "non-finite"
