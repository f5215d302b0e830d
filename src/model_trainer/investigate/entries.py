"""Diary entries and the verdict, rendered only from what the investigation recorded.

The root cause is a confirmed hypothesis or ``unknown`` ("not established") with the open hypotheses ranked by
their evidence; a refuted cause is never stated as the cause. Next steps follow from what is open, never from
what was done; Domain Insight and Implication are written only from evidence, otherwise left out.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

from model_trainer.causes import CAUSES
from model_trainer.causes import next_steps as cause_steps
from model_trainer.detect import HORIZON, Facts, category
from model_trainer.detect import thresholds as T
from model_trainer.events import DiaryEntry, Fix, Hypothesis, RunRecord, Why
from model_trainer.investigate.judge import judged_value, model_metric, refs_of
from model_trainer.investigate.measure import code_change_note, probe
from model_trainer.investigate.state import Investigation
from model_trainer.kinds import knobs_of
from model_trainer.narrate import Evidence, config_summary, explain, metric_in_units
from model_trainer.records.fmt import num
from model_trainer.repairs import REPAIRS
from model_trainer.verdict import Verdict

EXIT_OK, EXIT_UNRESOLVED = 0, 1


def fitted_references(facts: Facts) -> dict[str, float | None]:
    """The references that were fitted (skipped ones are said in the data report, not quoted as numbers)."""
    return {k: v for k, v in refs_of(facts).items() if v is not None}


_refs = fitted_references


def add_known_error(entry: DiaryEntry, known: dict[str, Any], config: dict[str, Any]) -> None:
    """A failed run whose error message is a known one: the measurement and the change it asks for."""
    from model_trainer.events import TestRecord

    knob = known.get("knob")
    fix = known["fix"] + (f" (`{knob}` is {config[knob]!r} in [config])" if knob and knob in config else
                          f" (not available as a knob: add `{knob}` to [config])" if knob else "")
    n = len(entry.tests) + 1
    entry.tests.append(TestRecord(n, "The error message is a known one",
                                  "Matched the error message against known causes", "measurement", None,
                                  f"{known['why']}; fix: {fix}", None))
    entry.next_steps.insert(0, f"{known['fix'][0].upper()}{known['fix'][1:]}: {known['why']}.")
    cause = known["cause"]
    if entry.root_cause == "code_error" and cause != "code_error":
        # the message names a narrower cause than "the code raised", but one that no run has tested: it is the
        # best supported hypothesis, not an established cause (a message can have more than one origin)
        entry.root_cause = "unknown"
        entry.hypotheses = [Hypothesis(cause, "open", [n])]
        entry.why = replace(entry.why, root_cause=f"Not established. {entry.why.root_cause} The message is a known "
                            f"one and points at `{cause}`: {known['why']}. It stays open until the code is changed "
                            "and a run confirms it.")


def verdict(session: Any, facts: Facts, status: str, code: int, rec: RunRecord | None, *, entry: Any = None,
            symptom: str | None = None, cause: str | None = None, cause_status: str | None = None,
            note: str = "") -> Verdict:
    metric = None
    if rec is not None and rec.history:
        key, value = model_metric(rec, facts.higher_is_better)
        metric = value if key == "metric" and math.isfinite(value) else None
        own = (rec.diagnostics or {}).get("metric_own")
        if isinstance(own, (int, float)) and math.isfinite(own):
            metric = float(own)  # the returned model's own score on the validation file, as the references are
    if entry is not None:  # what the entry records, unless the caller knows better
        symptom = symptom or entry.symptom
        cause = cause or entry.root_cause
    error = traceback_at = None
    if rec is not None and rec.error is not None and status == "failed":
        # the exception's last line, and where its full traceback is (CONTRACT §1)
        error = f"{rec.error.exc_type}: {rec.error.message}".strip().splitlines()[-1]
        traceback_at = "training_full.log"
    return Verdict(status=status, exit_code=code, symptom=symptom, cause=cause,  # type: ignore[arg-type]
                   cause_status=cause_status, metric_name=facts.metric if metric is not None else None, metric=metric,
                   units=(session.spec.domain.target_units or "") if facts.metric in ("rmse", "mae") else "",
                   references=_refs(facts), error=error, traceback_at=traceback_at,
                   entry_id=getattr(entry, "id", None), run_id=rec.run_id if rec is not None else None, note=note)


def _references_line(facts: Facts) -> str | None:
    refs = _refs(facts)
    if not refs:
        skipped = getattr(facts.data, "references_skipped", None) or {}
        why = next(iter(skipped.values()), None)
        return f"References: not fitted ({why})" if why else None
    return (f"References on the same validation split ({facts.metric}): "
            + ", ".join(f"{k} {num(v)}" for k, v in refs.items()) + " (results/data_report.json)")


def _hypotheses(inv: Investigation) -> list[Hypothesis]:
    hs = list(inv.hypotheses.values())
    order = {"confirmed": 0, "open": 1, "refuted": 2}
    ranked = {h.cause: i for i, h in enumerate(inv.ranked_open())}
    return sorted(hs, key=lambda h: (order[h.status], ranked.get(h.cause, 99)))


def _evidence(inv: Investigation, final: RunRecord | None, fix: str | None) -> Evidence:
    final_metric = None
    if final is not None:
        key, value = model_metric(final, inv.facts.higher_is_better)
        final_metric = value if key == "metric" and math.isfinite(value) else None
    return Evidence(finding=inv.finding, failing=inv.failing, report=inv.report, grads=inv.measurements.get("grads"),
                    saturation=inv.measurements.get("saturation"), failed_tests=list(inv.failed),
                    fix_description=fix, final=final, metric=inv.facts.metric,
                    higher_is_better=inv.facts.higher_is_better, baseline=inv.facts.baseline_metric,
                    final_metric=final_metric)


def what_happened(inv: Investigation) -> str:
    f, r = inv.finding, inv.failing
    return (f"Red flag `{f.symptom}` in run `{r.run_id}` ({config_summary(r.config, r.data_repairs)}): "
            f"{f.message}." + (f" The run was stopped early ({r.stop_reason})." if r.stop_reason else ""))


def error_message(inv: Investigation) -> str:
    lines = [f"WARNING: {w.category}: {w.message}" for w in inv.failing.warnings[:5]]
    inverse = (inv.failing.diagnostics or {}).get("inverse_error")
    if inverse:
        lines.append(f"{inverse} (inverting the information matrix for standard errors)")
    lines.append(f"red flag: {inv.finding.symptom}: {inv.finding.message}")
    return "\n".join(lines)


def fit_comparison(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Two fits as a paper compares them: NLL, AIC, BIC, validation RMSE, condition number, and which model the
    information criteria favour and by how much (``mle.compare``)."""
    from model_trainer.mle.compare import compare

    return compare(before, after)["line"]


def record_comparison(inv: Investigation, rec: RunRecord, before: dict[str, Any], after: dict[str, Any]) -> None:
    """The comparison an entry quotes (differences of AIC and BIC included) is written beside the test run, so
    every number the diary states is in a recorded file."""
    import json

    from model_trainer.mle.compare import compare
    from model_trainer.records.atomic import atomic_write_text

    runs = getattr(getattr(inv.session, "ws", None), "runs", None)
    if runs is None or not (runs / rec.run_id).is_dir():
        return
    atomic_write_text(runs / rec.run_id / "comparison.json",
                      json.dumps(compare(before, after), indent=2, default=str) + "\n")


def _unit(inv: Investigation) -> str:
    return "iterations" if inv.facts.kind == "mle" else "epochs"


def _perf_only(inv: Investigation, final: RunRecord) -> str:
    """The Domain Insight an entry without an established cause can state: the repaired model's reach."""
    perf = metric_in_units(_evidence(inv, final, None), inv.session.spec.domain, final)
    return f"The repaired model reaches {perf}." if perf else ""


def _units(inv: Investigation) -> str:
    u = inv.session.spec.domain.target_units
    return f" {u}" if u and inv.facts.metric in ("rmse", "mae") else ""


def _against_constant(facts: Facts) -> str:
    const = refs_of(facts).get("constant")
    return f", against the constant predictor's {num(const)}" if isinstance(const, (int, float)) else ""


def _judged_facts(inv: Investigation, run: RunRecord | None) -> Facts:
    """The facts ``run`` was judged by: its references on the complete rows where its data repair dropped the others
    (``DataReport.with_repairs``)."""
    rep = inv.facts.data
    if run is None or not hasattr(rep, "with_repairs"):
        return inv.facts
    return replace(inv.facts, data=rep.with_repairs(run.data_repairs or {}))


def document_success(inv: Investigation, initial: str, change: Any, final: RunRecord) -> Verdict:
    s = inv.session
    judged = _judged_facts(inv, final)
    kept = [*inv.stack, change]
    # the cause of the first red flag is the one the first kept change answered; later changes fixed what remained
    root = kept[0].root_cause
    def said(changes: list[Any]) -> str:
        return " and then ".join(f"changing {c.description}" if "->" in c.description else
                                 f"the change \"{c.description}\"" for c in changes)
    # the changes up to the first run without a red flag removed it; those kept on top of that run improved it
    n_fix = min(inv.first_accepted[0], len(kept)) if inv.first_accepted else len(kept)
    ev = _evidence(inv, final, said(kept[:n_fix]))
    if inv.first_accepted is not None and n_fix < len(kept):
        hib = inv.facts.higher_is_better
        (k0, v0), (k1, v1) = model_metric(inv.first_accepted[1], hib), model_metric(final, hib)
        gain = (f" then took validation {inv.facts.metric if k1 == 'metric' else k1} from {num(v0)} (run "
                f"`{inv.first_accepted[1].run_id}`) to {num(v1)}" if k0 == k1 else " then improved it")
        polish = said(kept[n_fix:])
        ev.improved_by = f"{polish[0].upper()}{polish[1:]} on top of that run{gain}."
    why = explain(root, ev, s.spec.domain)
    key, val = model_metric(final, inv.facts.higher_is_better)
    label = inv.facts.metric if key == "metric" else key
    restored = next((n for n in final.notes if n.startswith("restored the weights of epoch")), None)
    result = [f"{label} {num(val)} after {len(final.history)} {_unit(inv)}"
              + (f" ({restored.split(' (')[0]})" if restored else "") + f" (run `{final.run_id}`), "
              + (f"converged and not clearly worse than the references, {inv.accepted_despite}: accepted"
                 if inv.accepted_despite else "no red flag, converged and not clearly worse than the references: "
                 "accepted")]
    units = metric_in_units(ev, s.spec.domain, final)
    if units:
        result.append(units[0].upper() + units[1:])
    refs = _references_line(judged)
    if refs:
        result.append(refs)
    before_key, before_val = model_metric(inv.failing, inv.facts.higher_is_better)
    before = (f"{label if before_key == key else before_key} {num(before_val)}" if math.isfinite(before_val)
              else f"no finite {before_key}: {inv.finding.message}")
    result.append(f"Before: {before} (run `{inv.failing.run_id}`)")
    code_after = "\n".join(c.code_after for c in kept)
    d = final.diagnostics
    if d and "nll" in d:
        result += _fit_lines(d)
        tiers = d.get("reparam", {}).get("tiers") or []
        cuts = [t.get("covariate_to") for t in tiers if t.get("covariate_to") is not None]
        if cuts:
            code_after += f"\n# thresholds found: {[round(c, 4) for c in cuts]}"
    cfg_before = {**inv.failing.config, **inv.failing.data_repairs}
    cfg_after = {**change.config_after, **change.data_after}
    fix = Fix(config_before=cfg_before, config_after=cfg_after,
              code_before=f"{kept[0].code_before}  # {inv.finding.symptom}",
              code_after=code_after + "  # accepted", run_id=final.run_id)
    defaults = knobs_of(s.spec.model.kind).defaults
    changed = {k for k in cfg_after if cfg_after.get(k) != cfg_before.get(k, defaults.get(k))}
    # validations the final fit already ran are done too: a next step never asks for what the entry reports
    changed |= set((d or {}).get("validation") or {})
    # the tool's own preparation of both splits answers the code's one-split preparation in the model it ships
    steps = [*code_change_note(inv, {c.root_cause for c in kept if c.repair == "prepare_splits_alike"},
                               worked_around=True)]
    for c in kept:
        steps += [x for x in cause_steps(c.root_cause, done=changed) if x not in steps]
    note, cause_status = "", "confirmed"
    kept_causes = {c.root_cause for c in kept}
    masked = [f for f in inv.code_findings if f[0] not in kept_causes]
    first = REPAIRS.get(kept[0].repair)
    if first is not None and not first.confirms_cause and not masked:
        # Adam's per-parameter steps make a run acceptable whether the plain step was too large for some parameters,
        # the inputs were unscaled or the layers' gradients differed: its success does not tell which
        for c in kept_causes:
            if c in inv.hypotheses and inv.hypotheses[c].status == "confirmed":
                inv.hypotheses[c].status = "open"
        why = Why(root_cause=f"Not established: {inv.finding.message}. {ev.fix_description[0].upper()}"
                             f"{ev.fix_description[1:]} made the run acceptable; an adaptive optimiser compensates for "
                             "a step too large for some parameters, unscaled inputs and layer-wise gradient "
                             "differences alike, so its success does not say which of them was the cause."
                             + (f" {ev.improved_by}" if ev.improved_by else ""),
                  domain_insight=_perf_only(inv, final), implication="")
        steps.insert(0, "Tell the causes apart with the original optimiser: a smaller learning rate, then "
                        "standardised inputs, one at a time.")
        cause_status = f"open: {root}"
        root = "unknown"
    if masked:
        # A defect the code shows explains the red flag, and no change of code was made: the kept change made the run
        # acceptable despite the defect (a smaller step tames gradients that are never zeroed), so it compensates
        # for it rather than confirming its own cause. Both stay open; the root cause is not established.
        for c in kept_causes:
            if c in inv.hypotheses and inv.hypotheses[c].status == "confirmed":
                inv.hypotheses[c].status = "open"
        code_cause, where, what = masked[0]
    if masked and inv.diagnosed is not None and inv.diagnosed[0].root_cause == code_cause:
        # the defect's own test confirmed it before a knob made the run acceptable: the cause is the code's, and
        # the kept change a workaround for it
        dchange, _, dn = inv.diagnosed
        why = Why(root_cause=f"{inv.finding.message}. The code at {where} shows a defect ({what}); Test {dn} "
                             f"({dchange.description}) confirmed it. {ev.fix_description[0].upper()}"
                             f"{ev.fix_description[1:]} made the run acceptable without changing that code: it "
                             "compensates for the defect, which only the change of code removes."
                             + (f" {ev.improved_by}" if ev.improved_by else ""),
                  domain_insight=_perf_only(inv, final), implication="")
        root = code_cause
        note = f"the change compensates for a confirmed defect in the code: code change needed: {where}"
    elif masked:
        why = Why(root_cause=f"Not established: {inv.finding.message}. The code at {where} shows a defect ({what}); "
                             f"{ev.fix_description} made the run acceptable without changing that code, so it "
                             f"compensates for the defect rather than confirming `{root}`. Open: `{code_cause}` "
                             f"(the code), `{root}` (the change that was kept)."
                             + (f" {ev.improved_by}" if ev.improved_by else ""),
                  domain_insight=_perf_only(inv, final), implication="")
        root = "unknown"
        cause_status = f"open: {code_cause}"
        note = f"the change compensates for a defect in the code: code change needed: {where}"
    hyps = _hypotheses(inv)

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"), category=category(inv.finding.symptom),  # type: ignore[arg-type]
                          symptom=inv.finding.symptom, root_cause=root,  # type: ignore[arg-type]
                          what_happened=what_happened(inv), error_message=error_message(inv),
                          initial_hypothesis=initial, tests=inv.tests, fix=fix, why=why, next_steps=steps,
                          status="resolved", result=result, run_ids=[r.run_id for r in inv.runs],
                          hypotheses=hyps, references=_refs(judged))
    e = s.write_entry(build, [("before", inv.failing), ("after", final)])
    return verdict(s, judged, "resolved", EXIT_OK, final, entry=e, symptom=inv.finding.symptom,
                   cause=root, cause_status=cause_status, note=note)


def _fit_lines(d: dict[str, Any]) -> list[str]:
    """A statistical fit's own record: the optimiser's word, estimates, and the validations it ran."""
    out = []
    status = ("reported convergence" if d.get("optimizer_converged", True) else "did not report convergence")
    msg = f" ({d['optimizer_message']})" if d.get("optimizer_message") else ""
    out.append(f"The optimiser ({d.get('method')}) {status}{msg} after {d.get('iterations')} iterations; negative "
               f"log-likelihood (as the model's function returns it) {d.get('nll'):.1f}; condition number "
               f"{d.get('condition_number'):.3g}" + (f"; AIC {d['aic']:.1f}, BIC {d['bic']:.1f}" if "aic" in d else ""))
    se = d.get("se", {})
    est = ", ".join(f"{k}={v:.3g}" + (f" (SE {se[k]:.2g})" if k in se and se[k] == se[k] else "")
                    for k, v in list(d.get("estimates", {}).items())[:8])
    if est:
        out.append(f"Parameter estimates: {est}")
    v = d.get("validation") or {}
    if "recovery" in v:
        rec = v["recovery"]
        out.append(f"Validation, recovery: refitted on data simulated from this fit, the estimates came back "
                   f"within {100 * rec['max_abs_relative_error']:.1f}% (largest relative error)")
        poor = {k: e for k, e in (rec.get("relative_error") or {}).items()
                if isinstance(e, float) and math.isfinite(e) and abs(e) > T.MLE_RECOVERY_TOL}
        if poor:
            out.append("Finding: the simulated data do not recover " + ", ".join(
                f"`{k}` ({100 * e:+.1f}%)" for k, e in poor.items()) + f", beyond {100 * T.MLE_RECOVERY_TOL:.0f}%: "
                "report its interval, not the point estimate alone, and do not read more into its value")
    if "residuals_by_group" in v:
        rel = v["residuals_by_group"]["relative_to_mean_target"]
        out.append(f"Validation, residuals by `{v['residuals_by_group']['column']}`: mean residual "
                   + ", ".join(f"{k}: {100 * r:+.1f}% of the mean target" for k, r in rel.items()))
    if "cross_validation" in v:
        cv = v["cross_validation"]
        verdict = "generalises better" if cv["rmse_repaired"] < cv["rmse_full"] else "does not generalise better"
        out.append(f"Validation, {cv['folds']}-fold cross-validation on the training period: repaired model "
                   f"RMSE {num(cv['rmse_repaired'])} vs {num(cv['rmse_full'])} for the full model ({verdict})")
    tiers = d.get("reparam", {}).get("tiers") or []
    cuts = [t.get("covariate_to") for t in tiers if t.get("covariate_to") is not None]
    if cuts:
        sizes = ", ".join(f"{t['name']}: {t['size']} parameters" for t in tiers)
        out.append(f"Tier thresholds on the covariate: {', '.join(f'{c:.4g}' for c in cuts)} ({sizes})")
    return out


def _unknown_why(inv: Investigation) -> Why:
    opens = inv.ranked_open()
    refuted = [h for h in inv.hypotheses.values() if h.status == "refuted"]
    text = f"Not established: {inv.finding.message}."
    if opens:
        text += " Open hypotheses, best supported first: " + "; ".join(
            f"`{h.cause}`" + (f" (tests {', '.join(map(str, h.evidence))})" if h.evidence else "") for h in opens) + "."
    if refuted:
        text += " Ruled out by a failed test: " + ", ".join(
            f"`{h.cause}` (test {', '.join(map(str, h.evidence))})" for h in refuted) + "."
    if inv.suppressed:
        # each kept change removed the flag it was tested against (evidence for its cause, which stays open); what
        # remained was worked on as a problem of its own, with changes stacked on the kept ones
        first = min(inv.flag_removed.values(), default=0)
        later = [t for t in inv.tests if t.kind == "intervention" and t.n > first and not t.passed]
        kept = " Kept: " if len(inv.suppressed) == 1 else " Kept, each on top of the one before: "
        text += (kept + "; ".join(inv.suppressed) + f". Still not accepted: "
                 f"{inv.remaining}.")
        if later:
            text += " Tried for what remained, without success: " + "; ".join(
                f"{t.action} (test {t.n})" for t in later) + "."
        # a held-back run was "acceptable" by the clear margin and still not accepted: the words say only the latter
        done = "removing the red flag" if inv.flag_removed else "improving the model"
        text += f" Symptom suppressed, cause not found: {done} did not make the model good enough to accept."
    return Why(root_cause=text, domain_insight="", implication="")


def document_failure(inv: Investigation, initial: str, escalated: bool,
                     suppressed: tuple[Any, RunRecord] | None = None) -> Verdict:
    s = inv.session
    probe(inv)
    why = _unknown_why(inv) if inv.diagnosed is None else _diagnosed_why(inv)
    steps = []
    if escalated:
        ran_out = (f"the time limit of {s.spec.budget.time_limit:g}s" if s.out_of_time() else
                   f"the attempt budget ({inv.attempts} of {s.spec.budget.max_attempts} attempts)")
        steps.append(f"Flag for @advisor: {ran_out} ran out before a repair was confirmed (results/budget.json).")
    steps += code_change_note(inv)
    if inv.diagnosed is None:
        steps += inv.unavailable  # knobs that would have been tested; none is needed once a test confirmed the cause
    else:
        change = inv.diagnosed[0]
        repair = REPAIRS.get(change.repair)
        steps += repair.next_steps(change, inv.finding.evidence) if repair is not None else []
        steps += [x for x in cause_steps(change.root_cause, done=set()) if x not in steps]
    done = {t.action for t in inv.tests}
    for h in inv.ranked_open():
        steps += [x for x in cause_steps(h.cause, done=set()) if x not in done and x not in steps]
    if not any(t.kind == "intervention" for t in inv.tests) and not inv.code_findings and not inv.ranked_open():
        steps.append("No applicable repair: expose more knobs in [config] (lr, optimizer, clip_grad_norm, "
                     "weight_decay, early_stopping_patience, epochs) so that they can be tested.")
    if not steps:
        # every hypothesis a test reached was refuted: what remains open are the symptom's causes none reached
        from model_trainer.detect import DESCRIPTORS

        d = DESCRIPTORS.get((inv.current or inv.finding).symptom)
        likely = ((d.fit_causes or d.causes) if inv.facts.kind == "mle" else d.causes) if d else ()
        untested = [c for c in likely if c not in inv.hypotheses]
        if untested:
            steps.append("Check the causes no test reached, most likely first: "
                         + ", ".join(f"`{c}` ({CAUSES[c].meaning})" for c in untested if c in CAUSES) + ".")
            for c in untested[:2]:
                steps += [x for x in cause_steps(c, done=set()) if x not in steps]
    cur = inv.current or inv.finding
    trend = inv.measurements.get("residual_trend")
    behind = cur.evidence.get("vs_references") and cur.evidence.get("reference") != "constant"
    if inv.facts.kind == "mle" and (behind or trend) and inv.diagnosed is None:
        line = inv.measurements.get("residual_trend_line")
        where = (f"the validation residuals trend with `{trend}`, so begin with how the model uses it"
                 + (f" (first read at {line})" if line else "") if trend else
                 f"{cur.evidence['reference']} fitted on the same feature columns predicts validation far better")
        step = (f"Plot the residuals against each column and the fitted curve against the data: {where}. The "
                "likelihood's mean function may miss structure the data show (a covariate on the wrong scale, such "
                "as a dose or a concentration that acts on a log scale; the wrong link; a missing term), or the "
                "validation targets may not be what it predicts (censored or truncated values read as exact).")
        steps.insert(1 if escalated else 0, step)
    result = []
    key, val = model_metric(inv.failing, inv.facts.higher_is_better)
    judged = judged_value(inv.failing, inv.facts.higher_is_better)
    if judged is not None and math.isfinite(judged):
        result.append(f"{inv.facts.metric} {num(judged)}{_units(inv)} (run `{inv.failing.run_id}`, the failing run)"
                      + _against_constant(inv.facts))
    elif math.isfinite(val):
        result.append(f"{key} {num(val)} (run `{inv.failing.run_id}`, the failing run)")
    if suppressed is not None:
        sv = judged_value(suppressed[1], inv.facts.higher_is_better)
        skey, sval = (inv.facts.metric, sv) if sv is not None else model_metric(suppressed[1],
                                                                               inv.facts.higher_is_better)
        kept = " and then ".join(c.description for c in inv.stack) or suppressed[0].description
        result.append(f"With {kept}: {skey} {num(sval)} (run `{suppressed[1].run_id}`), not accepted: "
                      f"{inv.remaining or 'see The Why'}; symptom suppressed, cause not found")
    judged = _judged_facts(inv, suppressed[1] if suppressed is not None else None)
    refs = _references_line(judged)
    if refs:
        result.append(refs)
    root = inv.diagnosed[0].root_cause if inv.diagnosed else "budget_exhausted" if escalated else "unknown"
    if inv.diagnosed is not None:
        change, drec, n = inv.diagnosed
        dv = judged_value(drec, inv.facts.higher_is_better)
        if dv is not None:
            result.append(f"Test {n} ({change.description}): {inv.facts.metric} {num(dv)}{_units(inv)} (run "
                          f"`{drec.run_id}`), no red flag: the cause is confirmed; the run is a test, not a repair, "
                          "and its model is not accepted")
    hyps = _hypotheses(inv)
    status = "escalated" if escalated else "unresolved"
    code_cause = next((c for c, _, _ in inv.code_findings), None)

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"), category=category(inv.finding.symptom),  # type: ignore[arg-type]
                          symptom=inv.finding.symptom,
                          root_cause=root,  # type: ignore[arg-type]
                          what_happened=what_happened(inv), error_message=error_message(inv),
                          initial_hypothesis=initial, tests=inv.tests, fix=None, why=why, next_steps=steps,
                          status=status, result=result, run_ids=[r.run_id for r in inv.runs],  # type: ignore[arg-type]
                          hypotheses=hyps, references=_refs(judged))
    e = s.write_entry(build, [(r.purpose + " " + r.run_id[-12:], r) for r in inv.runs[:4]])
    if math.isfinite(val) and (inv.finding.symptom in HORIZON or inv.finding.symptom == "surprising_optimum"):
        s.publish(inv.failing)  # a usable if flawed model; the diary says what is wrong with it
    top = inv.ranked_open()
    note = "symptom suppressed, cause not found" if suppressed is not None else ""
    if code_cause:
        where = next((w for c, w, _ in inv.code_findings if c == root), inv.code_findings[0][1])
        note = (note + "; " if note else "") + "code change needed: " + where
    if inv.diagnosed is not None:
        return verdict(s, inv.facts, status, EXIT_UNRESOLVED, inv.failing, entry=e, symptom=inv.finding.symptom,
                       cause=root, cause_status="confirmed", note=note)
    return verdict(s, inv.facts, status, EXIT_UNRESOLVED, suppressed[1] if suppressed else inv.failing, entry=e,
                   symptom=inv.finding.symptom, cause="unknown",
                   cause_status=("open: " + top[0].cause) if top else None, note=note)


def _diagnosed_why(inv: Investigation) -> Why:
    """The Why of a cause a diagnostic test confirmed: what the test showed, and the code that has to change."""
    change, drec, n = inv.diagnosed  # type: ignore[misc]
    base = explain(change.root_cause, _evidence(inv, None, None), inv.session.spec.domain)
    dv = judged_value(drec, inv.facts.higher_is_better)
    fv = judged_value(inv.failing, inv.facts.higher_is_better)
    shown = (f": {inv.facts.metric} {num(dv)}" + (f" against {num(fv)} for the failing run" if fv is not None else "")
             if dv is not None else "")
    where = next((f" The code at {w} is where it lies ({what})." for c, w, what in inv.code_findings
                  if c == change.root_cause), "")
    fixed_in = getattr(REPAIRS.get(change.repair), "fixed_in", "code")
    return Why(root_cause=f"{base.root_cause} Confirmed by test {n} ({change.description}): the run showed no red "
                          f"flag{shown}, not clearly worse than the references.{where} No knob reaches it (the fix "
                          f"is in the {fixed_in}), so the tool tested the cause without claiming a repair.",
               domain_insight=base.domain_insight, implication=base.implication)


def post_hoc(inv: Investigation) -> Verdict:
    """2-argument ``train_model``: nothing can be changed, so measure and document only."""
    s = inv.session
    probe(inv)
    why = _unknown_why(inv)
    top = inv.ranked_open()
    knob = {"learning_rate_too_high": "lr", "learning_rate_too_low": "lr", "gradient_heterogeneity": "clip_grad_norm",
            "insufficient_regularization": "early_stopping_patience", "insufficient_capacity": "hidden_units",
            "insufficient_training": "epochs"}.get(top[0].cause if top else "", "lr")
    steps = [*code_change_note(inv),
             f"Expose `{knob}` to the tool: give train_model a third parameter `config` and read "
             f"`config[\"{knob}\"]`, then list `{knob}` in [config] so a repair can be tested."]
    for h in top:
        steps += [x for x in cause_steps(h.cause, done=set()) if x not in steps]
    refs = _references_line(inv.facts)

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"), category=category(inv.finding.symptom),  # type: ignore[arg-type]
                          symptom=inv.finding.symptom, root_cause="unknown",  # type: ignore[arg-type]
                          what_happened=what_happened(inv) + " train_model takes (data_train, data_val) only, so "
                          "no configuration can be changed: diagnosis only.",
                          error_message=error_message(inv),
                          initial_hypothesis=(f"`{top[0].cause}`, the best supported by the measurements" if top
                                              else "No measurement points at a cause"),
                          tests=inv.tests, fix=None, why=why, next_steps=steps, status="unresolved",
                          result=[refs] if refs else [], run_ids=[inv.failing.run_id],
                          hypotheses=_hypotheses(inv), references=_refs(inv.facts))
    e = s.write_entry(build, [("run", inv.failing)])
    return verdict(s, inv.facts, "unresolved", EXIT_UNRESOLVED, inv.failing, entry=e, symptom=inv.finding.symptom,
                   cause="unknown", cause_status=("open: " + top[0].cause) if top else None)
