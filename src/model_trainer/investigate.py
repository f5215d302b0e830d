"""The loop: run, detect, hypothesize, test one change at a time, retrain the winner, document.

A test is a run with exactly one change against the failing configuration. It is short when the
red flag shows early (a divergence), and stops as soon as the same red flag shows again; it is a
full-length run when the flag can only show over the whole horizon (overfitting, slow
convergence), and then a winning test already is the full retraining. A test passes (✅) only when
its run shows no red flag and a better metric than the failing run at the same epoch.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from model_trainer.detect import DETECTORS, ONLINE, Facts, Finding, first_finding
from model_trainer.events import DiaryEntry, Fix, RunRecord, TestRecord
from model_trainer.failures import failure_entry
from model_trainer.narrate import Evidence, config_summary, explain, metric_in_units
from model_trainer.probes.data_report import DataReport, data_report
from model_trainer.probes.gradients import group_gradients, saturation
from model_trainer.records.fmt import num
from model_trainer.repairs import Change, Context, plan
from model_trainer.session import EXIT_OK, EXIT_UNRESOLVED, Session
from model_trainer.spec import TORCH_KNOBS

CATEGORY = {"nan_loss": "NUMERICAL", "exploding_gradients": "NUMERICAL", "vanishing_gradients": "CONVERGENCE",
            "dying_relu": "CONVERGENCE", "oscillating_loss": "CONVERGENCE", "slow_convergence": "CONVERGENCE",
            "underfitting": "PERFORMANCE", "overfitting": "PERFORMANCE", "invalid_data": "DATA",
            "constant_output": "CONVERGENCE", "singular_matrix": "NUMERICAL"}
# Symptoms that only show over the whole planned horizon: their tests run full length.
HORIZON = ("overfitting", "slow_convergence", "underfitting", "singular_matrix")
# Loop knobs the built-in torch trainer reads whatever the spec's [config] lists.
_TORCH_LOOP_KNOBS = {k for k in TORCH_KNOBS if k not in ("hidden_units", "activation", "output_activation",
                                                            "dropout")}


@dataclass
class Investigation:
    session: Session
    facts: Facts
    report: DataReport
    failing: RunRecord
    finding: Finding
    tests: list[TestRecord] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)
    measurements: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    runs: list[RunRecord] = field(default_factory=list)

    def add(self, hypothesis: str, action: str, kind: str, run_id: str | None, result: str,
            passed: bool | None) -> None:
        self.tests.append(TestRecord(len(self.tests) + 1, hypothesis, action, kind, run_id, result, passed))  # type: ignore[arg-type]


def model_metric(rec: RunRecord, higher_is_better: bool = False, upto_epoch: int | None = None) -> tuple[str, float]:
    """The metric (or, failing that, validation/train loss) of the model a run returns, up to an epoch.

    That is the last epoch's value, or the best one when early stopping restored the best weights.
    """
    hist = [e for e in rec.history if upto_epoch is None or e.epoch <= upto_epoch]
    restored = upto_epoch is None and any(n.startswith("restored the weights of epoch") for n in rec.notes)
    for key in ("metric", "val_loss", "train_loss"):
        vals = [v for e in hist if (v := e.get(key)) is not None]
        if not vals:
            continue
        v = vals[-1]
        finite = [x for x in vals if math.isfinite(x)]
        if restored and finite:
            v = max(finite) if key == "metric" and higher_is_better else min(finite)
        return key, (v if math.isfinite(v) else (-math.inf if key == "metric" and higher_is_better else math.inf))
    return "metric", math.inf


def better(key: str, new: float, old: float, higher_is_better: bool) -> bool:
    if not math.isfinite(new):
        return False
    if not math.isfinite(old):
        return True
    return new > old if key == "metric" and higher_is_better else new < old


def investigate(session: Session) -> int:
    spec = session.spec
    facts = baseline_facts(session)
    report = facts.data
    _log_data_warnings(session, report)
    record_facts(session)
    config = dict(spec.config)
    rec = session.run("train", config, full=True, watch=_watch(facts))
    if not rec.ok:
        session.write_entry(lambda i: failure_entry(rec, spec, i, session.entry.code_dir, spec.budget.time_limit),
                            [("failed run", rec)])
        return EXIT_UNRESOLVED
    facts = replace(facts, diagnostics=rec.diagnostics or None, warnings=_warnings(rec))
    finding = first_finding(rec.history, facts)
    if finding is None:
        session.publish(rec)
        return EXIT_OK
    session.ws.log.warning(f"red flag in run {rec.run_id}: {finding}")
    inv = Investigation(session, facts, report, rec, finding, runs=[rec])
    if session.spec.model.kind == "function" and session.entry.arity == 2:
        return _post_hoc(inv)
    return _repair(inv)


def baseline_facts(session: Session, config: dict[str, Any] | None = None) -> Facts:
    """The facts every run of this session is judged by: metric, planned epochs, data report, baseline."""
    spec, ds = session.spec, session.data
    if session.report is None:
        session.report = data_report(ds.train, ds.val, ds.features, ds.target, spec.model.metric)
    config = dict(spec.config if config is None else config)
    epochs = config.get("epochs")
    return Facts(metric=spec.model.metric, higher_is_better=spec.model.higher_is_better, kind=spec.model.kind,
                 epochs_planned=epochs if isinstance(epochs, int) else None, config=config,
                 baseline_metric=session.report.baseline.get(spec.model.metric), data=session.report)


def record_facts(session: Session) -> None:
    """Write the data report and the detector thresholds: every number the diary quotes from them is then in a
    recorded file (the traceability gate reads these)."""
    import json
    from dataclasses import asdict

    from model_trainer.detect import thresholds
    from model_trainer.mle import identify
    from model_trainer.records.atomic import atomic_write_text

    rep = session.report
    data = asdict(rep) | {"scale_spread": rep.scale_spread, "max_feature_std": rep.max_feature_std}
    atomic_write_text(session.ws.results / "data_report.json", json.dumps(data, indent=2, default=str))
    consts = {k: v for k, v in vars(thresholds).items() if k.isupper()}
    consts |= {"COND_LIMIT": identify.COND_LIMIT, "LOADING": identify.LOADING, "SATURATION_LEVEL": 0.99}
    atomic_write_text(session.ws.results / "thresholds.json", json.dumps(consts, indent=2))


def _log_data_warnings(session: Session, rep: DataReport) -> None:
    log = session.ws.log
    if rep.constant_columns:
        log.warning(f"data: constant column(s) {', '.join(rep.constant_columns)} carry no information")
    if rep.duplicate_rows:
        log.warning(f"data: {rep.duplicate_rows} validation row(s) also appear in the training data; validation "
                    "scores will be optimistic")
    log.line(f"data: {rep.n_train} train / {rep.n_val} val rows, {len(rep.features)} features, feature std spread "
             f"{rep.scale_spread:.3g}x" + (f", target std {num(rep.target_std)}" if rep.target_std is not None else ""))


def _watch(facts: Facts) -> Any:
    online = replace(facts, finished=False, diagnostics=None, warnings=[])  # judge the running run on its own

    def watch(rec: RunRecord) -> str | None:
        for name in ONLINE:
            f = DETECTORS[name](rec.history, online)
            if f is not None:
                return f"red flag {f}"
        return None
    return watch


def _knobs(inv: Investigation) -> set[str]:
    keys = set(inv.session.spec.config)
    if inv.session.spec.model.kind == "torch":
        keys |= _TORCH_LOOP_KNOBS
    return keys


def _test_epochs(inv: Investigation) -> int | None:
    """None (full length) for horizon symptoms; else long enough for the flag to show again."""
    if inv.finding.symptom in HORIZON or inv.session.spec.model.kind == "mle":
        return None  # a fit is judged at its optimum, not after a few iterations
    planned = inv.facts.epochs_planned or len(inv.failing.history) or 10
    onset = inv.finding.onset_epoch or len(inv.failing.history) or 1
    return int(min(planned, max(math.ceil(0.3 * planned), 2 * onset + 2, 5)))


def _probe(inv: Investigation) -> None:
    """Measurements, recorded as tests: they need no retraining."""
    if "probed" in inv.measurements:
        return
    inv.measurements["probed"] = True
    rep, sym = inv.report, inv.finding.symptom
    grads = None
    for r in inv.runs:
        grads = group_gradients(r.history)
        if grads:
            break
    if grads is not None:
        hi, lo = grads.hi[0], grads.lo[0]
        inv.measurements["grads"] = grads
        inv.measurements["gradient_heterogeneity"] = grads.heterogeneous
        listing = ", ".join(f"`{g}` = {num(v)}" for g, v in sorted(grads.norms.items(), key=lambda kv: -kv[1]))
        inv.add("Gradients differ strongly between parameter groups", "Checked gradient magnitudes per parameter "
                "group (first step of the epoch, before clipping)", "measurement", grads_run(inv, grads),
                f"Gradient norms at epoch {grads.epoch}: {listing}; `{hi}` / `{lo}` = {grads.ratio:.3g}x"
                + (" -> heterogeneity" if grads.heterogeneous else " -> comparable"), None)
    if sym in ("nan_loss", "exploding_gradients", "oscillating_loss", "slow_convergence", "underfitting"):
        wide = ", ".join(f"`{c}` {num(s)}" for c, s in rep.widest(2))
        inv.add("Features on very different scales", "Checked feature scales (std on the training split)",
                "measurement", None, f"Std spread {rep.scale_spread:.3g}x (widest: {wide})"
                + (" -> unscaled" if rep.unscaled_features else " -> comparable"), None)
        if rep.target_std is not None:
            inv.add("Target far from unit scale", "Checked the target's scale", "measurement", None,
                    f"`{rep.target}` mean {num(rep.target_mean)}, std {num(rep.target_std)}"
                    + (" -> unscaled" if rep.unscaled_target else " -> fine"), None)
    d = inv.failing.diagnostics
    if sym == "singular_matrix" and d:
        n_obs, k = d.get("n_obs"), d.get("n_params")
        inv.add("Data insufficient (rank deficiency)", "Checked data points against parameters", "measurement", None,
                f"{n_obs} observations vs {k} parameters" + (" -> NOT the issue by count alone" if n_obs and k and
                                                              n_obs > 5 * k else " -> few observations per parameter"),
                None)
        weak = d.get("weak", [])
        support = [w["name"] for w in weak if w["reason"] == "no data support"]
        coll = [w["name"] for w in weak if w["reason"] == "collinearity"]
        inv.add("Model over-parameterized", "Eigen-analysis of the information matrix at the optimum",
                "measurement", inv.failing.run_id,
                f"{len(weak)} of {k} parameters lie in near-null directions: {len(support)} without data support"
                + (f" (e.g. {', '.join(support[:3])})" if support else "") + f", {len(coll)} collinear"
                + (f" (e.g. {', '.join(coll[:3])})" if coll else "")
                + (f"; {len(d.get('poorly_determined', []))} estimates have a standard error larger than the "
                   f"estimate or none (e.g. {', '.join(d['poorly_determined'][:3])})"
                   if d.get("poorly_determined") else "") + " -> LIKELY ISSUE", None)
    sat = saturation(inv.failing.history)
    if sat is not None and sym in ("vanishing_gradients", "underfitting", "slow_convergence"):
        inv.measurements["saturation"] = sat
        inv.add("Activations saturate", "Checked tanh/sigmoid saturation on the validation pass", "measurement",
                inv.failing.run_id, f"{sat:.0%} of outputs beyond 0.99", None)


def grads_run(inv: Investigation, grads: Any) -> str | None:
    return next((r.run_id for r in inv.runs if group_gradients(r.history) == grads), None)


def _prioritise(inv: Investigation, changes: list[Change]) -> list[Change]:
    """After the measurements: repairs the evidence points at move to the front (stable otherwise)."""
    def score(c: Change) -> int:
        if c.repair == "clip_gradients" and inv.measurements.get("gradient_heterogeneity"):
            return 0
        if c.repair in ("standardize", "standardize_target", "drop_non_finite_rows"):
            return 1
        return 2
    return sorted(changes, key=score)


def _proposals(inv: Investigation, config: dict[str, Any], data: dict[str, Any]) -> list[Change]:
    ctx = Context(config=config, data_repairs=data, finding=inv.finding, facts=inv.facts, knobs=_knobs(inv),
                  measurements=inv.measurements)
    out = []
    overflow = "overflow" in inv.finding.evidence
    for repair in plan(inv.finding.symptom, inv.finding.onset_epoch, overflow):
        change = repair.propose(ctx)
        if change is not None:
            if overflow:
                # whatever removes it, the failure was an overflow of the likelihood's arithmetic
                change.root_cause = "numerical_overflow"
            out.append(change)
    return out


def _repair(inv: Investigation) -> int:
    s = inv.session
    budget = s.spec.budget.max_attempts
    base_cfg, base_data = dict(s.spec.config), {}
    queue = _proposals(inv, base_cfg, base_data)
    for c in [c for c in queue if c.missing_key]:
        inv.unavailable.append(f"{c.repair} ({c.description}): not available: add `{c.missing_key}` to [config]")
    queue = [c for c in queue if not c.missing_key]
    initial = queue[0].hypothesis if queue else "No repair applies to this symptom"
    winner: tuple[Change, RunRecord] | None = None
    escalated = False
    tried = 0
    if inv.finding.symptom == "singular_matrix":
        _probe(inv)
    while queue:
        if tried == 1:
            # The first hypothesis failed: measure, then re-plan with what the measurements say.
            _probe(inv)
            done = {t.action for t in inv.tests}
            queue = _prioritise(inv, [c for c in _proposals(inv, base_cfg, base_data)
                                      if not c.missing_key and c.description not in done])
        change = queue.pop(0)
        if inv.attempts >= budget or s.out_of_time():
            escalated = True
            break
        tried += 1
        trec = _test(inv, change)
        if trec is None:
            continue
        final = trec
        if _short(inv, trec):
            if inv.attempts >= budget or s.out_of_time():
                escalated = True
                break
            final = s.run(f"final-{change.repair}", change.config_after, change.data_after, full=True,
                          watch=_watch(inv.facts), purpose="final")
            inv.attempts += 1
            inv.runs.append(final)
            flag = first_finding(final.history, _facts_for(inv, change, final)) if final.ok else None
            if not final.ok or flag is not None:
                what = flag.message if flag else f"status {final.status}"
                inv.add(change.hypothesis, f"Retrained in full with {change.description}", "intervention",
                        final.run_id, f"The full run still failed: {what}", False)
                inv.failed.append(change.description)
                continue
        winner = (change, final)
        break
    if winner is None:
        if not queue and not escalated and inv.attempts >= budget:
            escalated = True
        return _document_failure(inv, initial, escalated)
    change, final = winner
    s.publish(final)
    _document_success(inv, initial, change, final)
    return EXIT_OK


def _short(inv: Investigation, rec: RunRecord) -> bool:
    """True when a test ran fewer epochs than a full training would (so the winner is retrained)."""
    planned = inv.facts.epochs_planned
    if planned is None:
        return rec.stop_reason.startswith("test run limited")
    return len(rec.history) < planned and not any(n.startswith("restored the weights") for n in rec.notes)


def _test(inv: Investigation, change: Change) -> RunRecord | None:
    s = inv.session
    n_epochs = _test_epochs(inv)
    label = f"test{len([t for t in inv.tests if t.kind == 'intervention']) + 1}-{change.repair}"
    trec = s.run(label, change.config_after, change.data_after, stop_after_epochs=n_epochs, watch=_watch(inv.facts),
                 purpose="test")
    inv.attempts += 1
    inv.runs.append(trec)
    planned = change.config_after.get("epochs", inv.facts.epochs_planned)
    short = n_epochs is not None and (not isinstance(planned, int) or n_epochs < planned)
    facts = _facts_for(inv, change, trec, finished=not short)
    flag = first_finding(trec.history, facts) if trec.ok else None
    hib = inv.facts.higher_is_better
    key, new = model_metric(trec, hib)
    _, old = model_metric(inv.failing, hib, upto_epoch=len(trec.history) if n_epochs else None)
    improved = better(key, new, old, inv.facts.higher_is_better)
    d_new, d_old = trec.diagnostics, inv.failing.diagnostics
    if d_new and d_old and not improved and "bic" in d_new:
        # a fit: a simpler parameterisation that explains the data better per parameter also counts
        improved = d_new["bic"] < d_old["bic"]
    passed = trec.ok and flag is None and improved
    label_m = inv.facts.metric if key == "metric" else key
    if not trec.ok:
        result = f"The run {trec.status}" + (f": {trec.error.exc_type}: {trec.error.message}" if trec.error else "")
    elif flag is not None:
        result = f"Still {flag.symptom.replace('_', ' ')}: {flag.message}"
    elif not improved:
        result = f"No red flag, but {label_m} {num(new)} is not better than {_was(old)} before"
    else:
        result = (f"No red flag in {len(trec.history)} epochs; {label_m} {num(new)} (was {_was(old)} at the same "
                  "epoch)" if n_epochs else f"No red flag; {label_m} {num(new)} (was {_was(old)})")
    if d_new and d_old:
        result += "; " + _fit_comparison(d_old, d_new)
    inv.add(change.hypothesis, change.description, "intervention", trec.run_id,
            result, passed)
    if not passed:
        inv.failed.append(change.description)
        return None
    return trec


def _warnings(rec: RunRecord) -> list[str]:
    return [f"{w.category}: {w.message}" for w in rec.warnings]


def _fit_comparison(before: dict[str, Any], after: dict[str, Any]) -> str:
    def cond(d: dict[str, Any]) -> str:
        c = d.get("condition_number")
        return "inf" if c is None or not math.isfinite(c) else f"{c:.3g}"
    return (f"condition number {cond(before)} -> {cond(after)}, free parameters {before.get('n_params')} -> "
            f"{after.get('n_params')}, AIC {before['aic']:.1f} -> {after['aic']:.1f}, BIC {before['bic']:.1f} -> "
            f"{after['bic']:.1f}, validation RMSE {num(before.get('val_rmse'))} -> {num(after.get('val_rmse'))}")


def _facts_for(inv: Investigation, change: Change, rec: RunRecord, finished: bool = True) -> Facts:
    """Facts as a run with this change sees them: its config (early stopping on, more epochs) and its data
    (a dropped NaN row is no longer invalid data)."""
    epochs = change.config_after.get("epochs")
    return replace(inv.facts, config=dict(change.config_after), data=inv.report.with_repairs(change.data_after),
                   epochs_planned=epochs if isinstance(epochs, int) else inv.facts.epochs_planned, finished=finished,
                   diagnostics=rec.diagnostics or None, warnings=_warnings(rec))


def _was(value: float) -> str:
    return num(value) if math.isfinite(value) else "non-finite"


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


def _what_happened(inv: Investigation) -> str:
    f, r = inv.finding, inv.failing
    return (f"Red flag `{f.symptom}` in run `{r.run_id}` ({config_summary(r.config, r.data_repairs)}): "
            f"{f.message}." + (f" The run was stopped early ({r.stop_reason})." if r.stop_reason else ""))


def _error_message(inv: Investigation) -> str:
    lines = [f"WARNING: {w.category}: {w.message}" for w in inv.failing.warnings[:5]]
    inverse = (inv.failing.diagnostics or {}).get("inverse_error")
    if inverse:
        lines.append(f"{inverse} (inverting the information matrix for standard errors)")
    lines.append(f"red flag: {inv.finding.symptom}: {inv.finding.message}")
    return "\n".join(lines)


def _document_success(inv: Investigation, initial: str, change: Change, final: RunRecord) -> None:
    s = inv.session
    ev = _evidence(inv, final, f"Changing {change.description}")
    why = explain(change.root_cause, ev, s.spec.domain)
    key, val = model_metric(final, inv.facts.higher_is_better)
    label = inv.facts.metric if key == "metric" else key
    unit = "iterations" if s.spec.model.kind == "mle" else "epochs"
    restored = next((n for n in final.notes if n.startswith("restored the weights of epoch")), None)
    result = [f"{label} {num(val)} after {len(final.history)} {unit}"
              + (f" ({restored.split(' (')[0]})" if restored else "") + f" (run `{final.run_id}`), no red flag"]
    units = metric_in_units(ev, s.spec.domain, final)
    if units:
        result.append(units[0].upper() + units[1:])
    before_key, before_val = model_metric(inv.failing, inv.facts.higher_is_better)
    before = (f"{label if before_key == key else before_key} {num(before_val)}" if math.isfinite(before_val)
              else f"no finite {before_key}: {inv.finding.message}")
    result.append(f"Before: {before} (run `{inv.failing.run_id}`)")
    code_after = change.code_after
    d = final.diagnostics
    if d:
        result.append(f"MLE converged in {d.get('iterations')} iterations ({d.get('method')}); negative "
                      f"log-likelihood (as the model's function returns it) {d.get('nll'):.1f}; condition number "
                      f"{d.get('condition_number'):.3g}")
        est = ", ".join(f"{k}={v:.3g}" + (f" (SE {d['se'][k]:.2g})" if d.get("se", {}).get(k) == d.get("se", {}).get(k)
                                          and k in d.get("se", {}) else "")
                        for k, v in list(d.get("estimates", {}).items())[:8])
        result.append(f"Parameter estimates: {est}")
        v = d.get("validation") or {}
        if "recovery" in v:
            result.append(f"Validation, recovery: refitted on data simulated from this fit, the estimates came back "
                          f"within {100 * v['recovery']['max_abs_relative_error']:.1f}% (largest relative error)")
        if "residuals_by_group" in v:
            rel = v["residuals_by_group"]["relative_to_mean_target"]
            result.append(f"Validation, residuals by `{v['residuals_by_group']['column']}`: mean residual "
                          + ", ".join(f"{k}: {100 * r:+.1f}% of the mean target" for k, r in rel.items()))
        if "cross_validation" in v:
            cv = v["cross_validation"]
            verdict = "generalises better" if cv["rmse_repaired"] < cv["rmse_full"] else "does not generalise better"
            result.append(f"Validation, {cv['folds']}-fold cross-validation on the training period: repaired model "
                          f"RMSE {num(cv['rmse_repaired'])} vs {num(cv['rmse_full'])} for the full model ({verdict})")
        tiers = d.get("reparam", {}).get("tiers") or []
        cuts = [t.get("covariate_to") for t in tiers if t.get("covariate_to") is not None]
        if cuts:
            sizes = ", ".join(f"{t['name']}: {t['size']} parameters" for t in tiers)
            result.append(f"Tier thresholds on the covariate: {', '.join(f'{c:.4g}' for c in cuts)} ({sizes})")
            code_after += f"\n# thresholds found: {[round(c, 4) for c in cuts]}"
    cfg_before = {**inv.failing.config, **inv.failing.data_repairs}
    cfg_after = {**change.config_after, **change.data_after}
    fix = Fix(config_before=cfg_before, config_after=cfg_after,
              code_before=f"{change.code_before}  # {inv.finding.symptom}",
              code_after=f"{code_after}  # converged", run_id=final.run_id)
    steps = _next_steps(change.root_cause, inv)

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"), category=CATEGORY.get(inv.finding.symptom,
                          "CONVERGENCE"), symptom=inv.finding.symptom, root_cause=change.root_cause,  # type: ignore[arg-type]
                          what_happened=_what_happened(inv), error_message=_error_message(inv),
                          initial_hypothesis=initial, tests=inv.tests, fix=fix, why=why, next_steps=steps,
                          status="resolved", result=result, run_ids=[r.run_id for r in inv.runs])
    s.write_entry(build, [("before", inv.failing), ("after", final)])


def _document_failure(inv: Investigation, initial: str, escalated: bool) -> int:
    s = inv.session
    _probe(inv)
    ev = _evidence(inv, None, None)
    root = _guess_root(inv)
    why = explain(root, ev, s.spec.domain)
    steps = []
    if escalated:
        steps.append(f"Flag for @advisor: the budget ({inv.attempts} of {s.spec.budget.max_attempts} attempts, "
                     f"time limit {s.spec.budget.time_limit:.0f}s) ran out before a repair was confirmed.")
    steps += inv.unavailable
    steps += _next_steps(root, inv)
    if not inv.tests:
        steps.append("No applicable repair: expose more knobs in [config] (lr, optimizer, clip_grad_norm, "
                     "weight_decay, early_stopping_patience, epochs) so that they can be tested.")

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"),
                          category=CATEGORY.get(inv.finding.symptom, "CONVERGENCE"),  # type: ignore[arg-type]
                          symptom=inv.finding.symptom, root_cause="budget_exhausted" if escalated else root,  # type: ignore[arg-type]
                          what_happened=_what_happened(inv), error_message=_error_message(inv),
                          initial_hypothesis=initial, tests=inv.tests, fix=None, why=why, next_steps=steps,
                          status="escalated" if escalated else "unresolved", run_ids=[r.run_id for r in inv.runs])
    s.write_entry(build, [(r.purpose + " " + r.run_id[-12:], r) for r in inv.runs[:4]])
    _, val = model_metric(inv.failing, inv.facts.higher_is_better)
    if math.isfinite(val) and inv.finding.symptom in HORIZON:
        s.publish(inv.failing)  # a usable if flawed model; the diary says what is wrong with it
    return EXIT_UNRESOLVED


def _guess_root(inv: Investigation) -> str:
    """A root-cause hypothesis from the evidence alone, for an entry no repair confirmed."""
    rep, sym = inv.report, inv.finding.symptom
    if sym == "invalid_data":
        return "invalid_data"
    if "overflow" in inv.finding.evidence:
        return "numerical_overflow"
    if inv.measurements.get("gradient_heterogeneity") and sym in ("nan_loss", "exploding_gradients"):
        return "gradient_heterogeneity"
    if rep.unscaled_features and sym in ("nan_loss", "exploding_gradients", "oscillating_loss", "slow_convergence"):
        return "unscaled_features"
    if rep.unscaled_target and sym in ("nan_loss", "exploding_gradients", "underfitting"):
        return "unscaled_target"
    return {"nan_loss": "learning_rate_too_high", "exploding_gradients": "learning_rate_too_high",
            "oscillating_loss": "learning_rate_too_high", "slow_convergence": "learning_rate_too_low",
            "overfitting": "insufficient_regularization", "underfitting": "insufficient_capacity",
            "vanishing_gradients": "saturating_activation", "dying_relu": "learning_rate_too_high",
            "constant_output": "learning_rate_too_high"}.get(sym, "unknown")


def _next_steps(root: str, inv: Investigation) -> list[str]:
    steps = {
        "gradient_heterogeneity": ["Test group-specific regularisation or learning rates for the dominant "
                                   "parameter group.", "Consider separate parameter classes for the groups."],
        "unscaled_features": ["Keep the standardisation in every later experiment (it is stored in the model "
                              "bundle)."],
        "unscaled_target": ["Report errors in the target's units (the bundle maps predictions back)."],
        "learning_rate_too_high": ["Run a learning-rate sensitivity sweep (`model-trainer search`) to find the "
                                   "stability bound."],
        "learning_rate_too_low": ["Run a learning-rate sweep to confirm the new value is near the best."],
        "insufficient_regularization": ["Compare early stopping with weight decay in a search."],
        "insufficient_capacity": ["Check the larger model for overfitting on a held-out split."],
        "insufficient_training": ["Check that the longer run's validation loss does not rise (overfitting)."],
        "invalid_data": ["Trace the non-finite rows back to their source and document how many were dropped."],
        "non_identifiable": ["Validate the tiers: refit on data simulated from the tier model and check that the "
                             "tier values are recovered.", "Check residuals by entity type for systematic bias.",
                             "Compare full and tiered models by cross-validation before writing the section."],
    }.get(root, ["Inspect the loss curves in the plot and the runs' histories."])
    return [*steps, "Add this insight to the input for @metacognition_agent."]


def _post_hoc(inv: Investigation) -> int:
    """2-argument ``train_model``: nothing can be changed, so detect and document only."""
    s = inv.session
    _probe(inv)
    root = _guess_root(inv)
    ev = _evidence(inv, None, None)
    why = explain(root, ev, s.spec.domain)
    knob = {"learning_rate_too_high": "lr", "learning_rate_too_low": "lr", "unscaled_features": "lr",
            "gradient_heterogeneity": "clip_grad_norm", "insufficient_regularization": "early_stopping_patience",
            "insufficient_capacity": "hidden_units", "insufficient_training": "epochs"}.get(root, "lr")
    steps = [f"Expose `{knob}` to the tool: give train_model a third parameter `config` and read "
             f"`config[\"{knob}\"]`, then list `{knob}` in [config] so a repair can be tested.",
             *_next_steps(root, inv)]

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(id=i, date=time.strftime("%Y-%m-%d %H:%M"),
                          category=CATEGORY.get(inv.finding.symptom, "CONVERGENCE"),  # type: ignore[arg-type]
                          symptom=inv.finding.symptom, root_cause=root,  # type: ignore[arg-type]
                          what_happened=_what_happened(inv) + " train_model takes (data_train, data_val) only, so "
                          "no configuration can be changed: diagnosis only.",
                          error_message=_error_message(inv),
                          initial_hypothesis=why.root_cause.split(":")[0], tests=inv.tests, fix=None, why=why,
                          next_steps=steps, status="unresolved", run_ids=[inv.failing.run_id])
    s.write_entry(build, [("run", inv.failing)])
    return EXIT_UNRESOLVED
