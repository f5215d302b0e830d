"""How a run is judged (CONTRACT §7): red flags, convergence, and the quick references.

Public: ``search`` uses ``baseline_facts``, ``record_facts``, ``watch_for`` and ``model_metric`` too.
A run is accepted only when ``reason_to_reject`` finds nothing: no red flag, a converged validation curve (or an
optimiser that reported convergence), and a model not clearly worse than the best reference.
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import replace
from itertools import pairwise
from typing import Any

from model_trainer import config_keys
from model_trainer.detect import DETECTORS, ONLINE, Facts, Finding, first_finding
from model_trainer.detect import thresholds as T
from model_trainer.detect.base import (
    applicable_references,
    finite,
    fits_training_rows_only,
    is_linear,
    returned_epoch,
    series,
)
from model_trainer.engine import early
from model_trainer.events import RunRecord
from model_trainer.probes.data_report import data_report
from model_trainer.probes.references import REFERENCES_VERSION, References, data_hash, references, with_indicators
from model_trainer.records.fmt import num
from model_trainer.records.plots import preload_while

# metrics whose "error" is 1 - value for the reference comparison
_BOUNDED_SCORES = ("accuracy", "auc", "f1", "r2")
# metrics the references are compared in: errors (an mse compared as its square root, so that every ratio in
# thresholds.py reads on the target's own scale) and scores bounded by 1
_JUDGED = ("rmse", "mae", "mse", *_BOUNDED_SCORES)


# data repairs that change the target the code trains and scores on
_TARGET_REPAIRS = ("standardize_target", "rescale_target")


def model_metric(rec: RunRecord, higher_is_better: bool = False, upto_epoch: int | None = None) -> tuple[str, float]:
    """The metric (or, failing that, validation/train loss) of the model a run returns, up to an epoch.

    That is the last epoch's value, or the best one when early stopping restored the best weights. A metric the
    tool computed itself in the target's units (``metric_units``, after a target repair in function mode) wins
    over the user's own.
    """
    units = (rec.diagnostics or {}).get("metric_units")
    if upto_epoch is None and isinstance(units, (int, float)) and math.isfinite(units):
        return "metric", float(units)
    if upto_epoch is not None and isinstance(units, (int, float)) and math.isfinite(units) and units > 0 \
            and any(rec.data_repairs.get(k) for k in _TARGET_REPAIRS):
        # the code logged its metric on the repaired target's scale: read at an epoch, it is put in the target's
        # units by the ratio the returned model's own score gives (an error scales with an affine change of the
        # target; a share of rows right does not change, and its ratio is 1)
        key, whole = model_metric(replace(rec, diagnostics={}), higher_is_better)
        key_at, at = model_metric(replace(rec, diagnostics={}), higher_is_better, upto_epoch)
        if key == key_at == "metric" and whole > 0 and math.isfinite(whole) and math.isfinite(at):
            return "metric", at * float(units) / whole
    hist = [e for e in rec.history if upto_epoch is None or e.epoch <= upto_epoch]
    restored = upto_epoch is None and any(n.startswith("restored the weights of epoch") for n in rec.notes)
    for key in ("metric_units", "metric", "val_loss", "train_loss"):
        vals = [v for e in hist if (v := e.get(key)) is not None]
        if not vals:
            continue
        v = vals[-1]
        fin = [x for x in vals if math.isfinite(x)]
        metric_like = key in ("metric", "metric_units")
        if restored and fin:
            v = max(fin) if metric_like and higher_is_better else min(fin)
        if key == "metric" and upto_epoch is None and not restored and returned_epoch(rec.history, rec.diagnostics,
                                                                                   higher_is_better):
            # the code reloaded an earlier epoch's weights: the model is judged by what it returned
            v = float(rec.diagnostics["metric_own"])
        key = "metric" if key == "metric_units" else key
        return key, (v if math.isfinite(v) else (-math.inf if metric_like and higher_is_better else math.inf))
    return "metric", math.inf


def better(key: str, new: float, old: float, higher_is_better: bool) -> bool:
    if not math.isfinite(new):
        return False
    if not math.isfinite(old):
        return True
    return new > old if key == "metric" and higher_is_better else new < old


def baseline_facts(session: Any, config: dict[str, Any] | None = None, references: bool = True) -> Facts:
    """The facts every run of this session is judged by: metric, planned epochs, data report with references
    (``references=False``: without them for now; ``references_in_background`` fits them)."""
    spec, ds = session.spec, session.data
    if session.report is None:
        session.report = data_report(ds.train, ds.val, ds.features, ds.target, spec.model.metric)
        if references:
            _attach_references(session)
    config = dict(spec.config if config is None else config)
    epochs = config_keys.value(config, "epochs")
    return Facts(metric=spec.model.metric, higher_is_better=spec.model.higher_is_better, kind=spec.model.kind,
                 epochs_planned=epochs if isinstance(epochs, int) else None, config=config,
                 baseline_metric=session.report.baseline.get(spec.model.metric), data=session.report)


def references_in_background(session: Any) -> None:
    """Fit the references in a thread while the runs train in their own processes: the report's first read of them
    waits for the fit and re-raises what it raised (``DataReport.defer_references``)."""
    import threading

    rep = session.report
    if getattr(rep, "references", None):
        return
    failed: list[BaseException] = []

    def work() -> None:
        try:
            _attach_references(session)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            failed.append(exc)
    t = threading.Thread(target=work, name="references", daemon=True)

    def wait() -> None:
        if threading.current_thread() is not t:
            preload_while(t.is_alive)  # the wait spent on the diary figure's import, a step at a time
            t.join()
        if failed:
            raise failed[0]
        rep.references_settled()
    rep.defer_references(wait)  # the first read of the references waits for them
    t.start()


def _attach_references(session: Any) -> None:
    """References once per dataset: reused from ``results/data_report.json`` while the data files are unchanged."""
    from model_trainer.detect.invalid_data import shifted_columns_read

    spec, ds, rep = session.spec, session.data, session.report
    train, val, features = ds.train, ds.val, list(ds.features)
    code = (getattr(rep, "target_outliers", None) or {}).get("code")
    if code is not None and ds.target in train:
        # a missing-value code in the target is no value to fit: references that learn to predict it would make the
        # model that learnt it look as good as the data allow
        train = train[train[ds.target] != code]
        session.ws.log.line(f"references: fitted without the training rows whose `{ds.target}` is the code {code:g}")
    if getattr(ds, "passthrough", None):
        # a function's columns of words: a region's name is as much the references' to use as the model's
        train, val, extra = with_indicators(train, val, list(ds.passthrough))
        features += extra
    # REFERENCES_VERSION: a report cached by a tool that fitted the references otherwise is fitted again
    key = data_hash([spec.resolve(spec.data.train), spec.resolve(spec.data.val)], ds.target, features,
                    spec.model.metric, REFERENCES_VERSION)
    rep.data_hash = key
    cached = session.ws.results / "data_report.json"
    try:
        old = json.loads(cached.read_text(encoding="utf-8")) if cached.exists() else {}
    except (OSError, ValueError):
        old = {}
    worker = early.take_references()
    if isinstance(old, dict) and old.get("data_hash") == key and isinstance(old.get("references"), dict):
        if worker is not None:
            worker.close()
        rep.references = old["references"]
        rep.references_skipped = old.get("references_skipped") or {}
        rep.references_held_out = old.get("references_held_out") or {}
        rep.references_complete = old.get("references_complete")
        rep.row_block = old.get("row_block")
        return
    seed = int(spec.config.get("seed", 0) or 0)
    # the held-out scores cost a second fit of each reference (seconds on wide data) and serve one check only: of a
    # validation split whose columns are shifted from training's, or go with the target otherwise
    # (detect/invalid_data.py)
    held_out = bool(shifted_columns_read(rep) or getattr(rep, "relation_shift", None))
    refs: References | None = None
    if worker is not None:
        try:
            refs = worker.fit(train, val, features, ds.target, spec.model.metric, seed, held_out)
        except Exception:  # noqa: BLE001 - a worker that gave no answer: the same fit, here
            refs = None
    if refs is None:
        refs = references(train, val, features, ds.target, spec.model.metric, seed=seed, held_out=held_out)
    missing = getattr(refs, "with_missing", None)
    rep.references, rep.references_skipped = (dict(missing) if missing else refs.values), refs.skipped
    rep.references_complete = refs.values if missing else None
    rep.references_held_out = dict(getattr(refs, "held_out", {}) or {})
    rep.row_block = getattr(refs, "row_block", None)
    fitted = ", ".join(f"{k} {num(v)}" for k, v in rep.references.items() if v is not None)
    complete = ", ".join(f"{k} {num(v)}" for k, v in refs.values.items() if v is not None) if missing else ""
    session.ws.log.line(f"references on validation ({spec.model.metric}): {fitted or 'none'}"
                        + (f" ({refs.seconds:.1f}s, {refs.rows_used} training rows)" if fitted else "")
                        + (f"; rows missing a feature value included (the linear reference fills training medians "
                           f"in), on the complete rows only: {complete}" if complete else "")
                        + "".join(f"; {k} skipped: {why}" for k, why in refs.skipped.items()))
    b = getattr(refs, "row_block", None)
    if b:
        session.ws.log.line(f"training rows: lines {b['first_line']}-{b['last_line']} ({b['rows']} rows) do not follow "
                            f"the relationship the other rows follow; boosting without them scores "
                            f"{num(b['boosting_val_without_block'])} on validation against "
                            f"{num(b['boosting_val_all_rows'])} with them")


def record_facts(session: Any, wait: bool = True) -> None:
    """Write the data report (with the references) and the detector thresholds: every number the diary quotes from
    them is then in a recorded file (the traceability gate reads these). ``wait=False`` writes the references
    as they are now, without waiting for a fit in progress."""
    from model_trainer.mle import identify
    from model_trainer.preprocess import CAP_FILL
    from model_trainer.probes import output_range
    from model_trainer.records.atomic import atomic_write_text

    rep = session.report
    data = rep.as_record(wait=wait)
    atomic_write_text(session.ws.results / "data_report.json", json.dumps(data, indent=2, default=str))
    consts = {k: v for k, v in vars(T).items() if k.isupper()}
    consts |= {"COND_LIMIT": identify.COND_LIMIT, "LOADING": identify.LOADING, "SATURATION_LEVEL": 0.99,
               "UNCOVERED_SHARE": output_range.UNCOVERED_SHARE, "CAP_SHARE": output_range.CAP_SHARE,
               "CAP_DISTINCT": output_range.CAP_DISTINCT, "CAP_FILL": CAP_FILL}
    atomic_write_text(session.ws.results / "thresholds.json", json.dumps(consts, indent=2))
    # the budget in force (defaults included): an escalation quotes it
    atomic_write_text(session.ws.results / "budget.json", json.dumps(session.spec.budget.model_dump(), indent=2,
                                                                     default=str))


def watch_for(facts: Facts) -> Any:
    """A watch for a running run: the online detectors, judging the run on its own."""
    online = replace(facts, finished=False, diagnostics=None, warnings=[])

    def watch(rec: RunRecord) -> str | None:
        for name in ONLINE:
            f = DETECTORS[name](rec.history, online)
            if f is not None:
                return f"red flag {f}"
        return None
    return watch


def refs_of(facts: Facts) -> dict[str, float | None]:
    rep = facts.data
    return dict(getattr(rep, "references", None) or {})


def _error(metric: str, v: float) -> float:
    if metric == "mse":
        return math.sqrt(v) if v >= 0 else v
    return 1.0 - v if metric in _BOUNDED_SCORES else v


def behind_references(value: float, facts: Facts) -> dict[str, Any] | None:
    """Evidence that ``value`` is clearly worse than the best applicable reference, or None.

    Statistical fits (``mle``) are held to this test only, never to the milder ones below: a mechanistic model with
    a handful of parameters may trail boosted trees a little, but not by ``REF_ERROR_RATIO`` and a tenth of their
    gain over the constant.
    """
    refs = {k: v for k, v in refs_of(facts).items() if v is not None and math.isfinite(v)}
    const = refs.get("constant")
    if not math.isfinite(value) or const is None:
        return None
    if facts.metric not in _JUDGED:
        return None
    usable = applicable_references(facts)
    best_name = min(usable, key=lambda k: _error(facts.metric, usable[k]))
    e_model, e_best, e_const = (_error(facts.metric, value), _error(facts.metric, usable[best_name]),
                                _error(facts.metric, const))
    if best_name == "constant":
        if e_model > e_const * (1 + T.REF_GAP_SHARE):
            return {"reference": "constant", "reference_value": const, "ratio": e_model / e_const if e_const else
                    math.inf}
        return None
    gain = e_const - e_best
    if gain <= 0:
        return None
    # a perfect reference (an accuracy of 1 on separable classes) makes every error infinitely many times its own:
    # the share of its gain the model recovers still decides
    share = T.REF_GAP_SHARE if e_best > 0 else T.REF_GAP_SHARE_PERFECT
    if e_model > T.REF_ERROR_RATIO * e_best and (e_model > e_best + share * gain
                                                  or _rows_tell_apart(e_model, e_best, facts)):
        return {"reference": best_name, "reference_value": usable[best_name],
                "ratio": e_model / e_best if e_best > 0 else math.inf}
    return None


def _rows_tell_apart(e_model: float, e_best: float, facts: Facts) -> bool:
    """Two error rates counted on the same validation rows differ by at least ``REF_ACCURACY_Z`` standard errors
    of their difference: more than those rows' sampling noise, however large the constant's error makes the gain
    (five classes put the constant at 80% error, so a share of that gain is a lenient test for accuracy)."""
    n = getattr(facts.data, "n_val", None)
    if facts.metric != "accuracy" or not isinstance(n, int) or n <= 0 or not 0 < e_best < 1 or not 0 < e_model < 1:
        return False
    se = math.sqrt((e_model * (1 - e_model) + e_best * (1 - e_best)) / n)
    return (e_model - e_best) >= T.REF_ACCURACY_Z * se


def convergence(rec: RunRecord, facts: Facts) -> Finding | None:
    """``slow_convergence`` (cause ``insufficient_training``) when the validation curve is still falling steeply at
    the end. Never against an optimiser that reported convergence, nor after early stopping ended the run."""
    d = rec.diagnostics or {}
    said = d.get("optimizer_converged", d.get("converged"))  # the optimiser's own word (scipy's ``success``)
    if said is True or (said is None and facts.kind == "mle"):
        return None  # a fit is judged at its optimum by its optimiser, never by the shape of its iterations
    if said is False:
        msg = d.get("optimizer_message") or d.get("method") or "no message"
        return Finding("slow_convergence", rec.history[-1].epoch if rec.history else None,
                       f"the optimiser reported that it did not converge ({msg})",
                       {"optimizer_converged": False, "optimizer_message": msg, "cause": "insufficient_training"})
    if any(n.startswith("restored the weights") for n in rec.notes) or (rec.stop_reason and
                                                                         not _ran_its_length(rec, facts)):
        return None
    key = "val_loss" if series(rec.history, "val_loss") else "metric" if series(rec.history, "metric") else None
    if key is None:
        return None
    vals = finite(series(rec.history, key))
    if len(vals) < 3:
        return None
    if key == "metric" and facts.higher_is_better:
        vals = [-v for v in vals]
    q = max(len(vals) // 4, 2)
    tail = vals[-q - 1:]
    steps = [b - a for a, b in pairwise(tail)]
    falling = sum(s < 0 for s in steps) / len(steps)
    scale = max(abs(tail[0]), 1e-12)
    gain = (tail[0] - tail[-1]) / scale
    if falling < T.CONVERGED_FALLING_SHARE or gain < T.CONVERGED_TAIL_GAIN or steps[-1] >= 0:
        return None
    m = judged_value(rec, facts.higher_is_better)
    if m is not None and at_or_beyond_best_reference(m, facts):
        return None  # already as good as any reference: more epochs are optional, not a fault
    label = "validation loss" if key == "val_loss" else f"validation {facts.metric}"
    return Finding("slow_convergence", rec.history[-1].epoch,
                   f"the {label} was still falling at the last epoch ({gain:.0%} lower over the last {q} of "
                   f"{len(vals)} epochs)", {"tail_improvement": gain, "tail_epochs": q, "series": key,
                                            "cause": "insufficient_training"})


def _ran_its_length(rec: RunRecord, facts: Facts) -> bool:
    """A test run whose limit was the planned number of epochs ended as a full training would: its curve is judged."""
    planned = facts.epochs_planned
    return (rec.stop_reason.startswith("test run limited") and isinstance(planned, int)
            and len(rec.history) >= planned)


def at_or_beyond_best_reference(value: float, facts: Facts) -> bool:
    refs = list(applicable_references(facts).values())
    if not refs or not math.isfinite(value) or facts.metric not in _JUDGED:
        return False
    return _error(facts.metric, value) <= min(_error(facts.metric, r) for r in refs)


def judged_value(rec: RunRecord, higher_is_better: bool = False) -> float | None:
    """The value a run's model is compared with the references by: the metric its history logs, else the score of
    the returned model's own predictions on the validation file (``metric_own``), else None. A loss is never
    compared with references scored in the metric."""
    key, value = model_metric(rec, higher_is_better)
    if key == "metric":
        return value
    own = (rec.diagnostics or {}).get("metric_own")
    return float(own) if isinstance(own, (int, float)) and math.isfinite(own) else None


def reason_to_reject(rec: RunRecord, facts: Facts) -> Finding | None:
    """The first reason not to accept a finished run: a red flag, no convergence, or far behind the references."""
    if facts.diagnostics is None and rec.diagnostics:
        facts = replace(facts, diagnostics=rec.diagnostics)
    flag = first_finding(rec.history, facts)
    if flag is not None:
        return flag
    flag = convergence(rec, facts)
    if flag is not None:
        return flag
    key, _ = model_metric(rec, facts.higher_is_better)
    value = judged_value(rec, facts.higher_is_better)
    if value is None:
        return None
    logged = key == "metric"  # else the code logs no metric and the model's own predictions are what is judged
    gap = behind_references(value, facts)
    if gap is None:
        return ((_own_predictions_behind(rec, value, facts) if logged else None)
                or systematic_residuals(rec, facts)
                or _mildly_behind_and_misconfigured(rec, value, facts)
                or _mildly_behind_and_memorised(rec, value, facts)
                or _mildly_behind_and_unrepeatable(rec, value, facts)
                or _mildly_behind_and_stalled(rec, value, facts)
                or _mildly_behind_with_residual_trend(rec, value, facts))
    refs = ", ".join(f"{k} {num(v)}" for k, v in refs_of(facts).items() if v is not None)
    if is_linear(facts):
        refs += (f"; the model is linear in its inputs (R² {num(facts.diagnostics['linear_r2'])} of its outputs on "
                 "them), so it is held to the linear reference")
    own = "" if logged else " (the returned model's own predictions; the code logs no metric)"
    fit = one_fit_memorised(rec) if at_the_constant(value, facts) else None
    if fit is not None:
        # clearly behind, and nothing a larger or longer fit would mend: the one fit reproduces its training rows
        # and answers new rows as the constant would (a kernel narrower than the rows' spacing). An interpolating
        # model (distance-weighted neighbours) that still learnt from its inputs is left to the underfitting rules
        ep, t, v = fit
        return Finding("overfitting", ep,
                       f"validation {facts.metric} {num(value)}{own} is clearly worse than the {gap['reference']} "
                       f"reference's {num(gap['reference_value'])} fitted on the same split (references: {refs}) "
                       f"while the one fit's training loss is {num(t)} against a validation loss of {num(v)}: the "
                       "model memorised the training split",
                       {**gap, "vs_references": True, "best_epoch": ep, "rise": None,
                        "cause": "insufficient_regularization"})
    rows = fits_training_rows_only(facts, value) if facts.metric in _JUDGED else None
    if rows is not None:
        # clearly behind on validation, yet as good as the references on its own training rows: not a model that
        # cannot fit, but one whose fit does not carry over to the validation rows
        return Finding("overfitting", rec.history[-1].epoch if rec.history else None,
                       f"validation {facts.metric} {num(value)}{own} is clearly worse than the {gap['reference']} "
                       f"reference's {num(gap['reference_value'])} fitted on the same split (references: {refs}), "
                       f"while the returned model scores {facts.metric} {num(rows)} on the training file's rows: it "
                       "fits the rows it was trained on and not the validation rows",
                       {**gap, "vs_references": True, "train_rows": rows, "rise": None, "cause": None})
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)}{own} is clearly worse than the {gap['reference']} "
                   f"reference's {num(gap['reference_value'])} fitted on the same split (references: {refs})",
                   {**gap, "vs_references": True})


REGRESSION_METRICS = ("rmse", "mae", "mse")


def residual_trend(diagnostics: dict[str, Any] | None, metric: str, codes_only: bool = False,
                   line: float | None = None) -> tuple[str, dict[str, float]] | None:
    """The column a statistical fit's validation residuals trend with, beyond chance and noise
    (``MLE_RESIDUAL_STRUCTURE``, or ``line``, of their variance beyond chance; ``MLE_RESIDUAL_P``), and its numbers;
    None when there is none. Regression metrics only: a class label's residual trends near any decision boundary.
    ``codes_only``: among integer-coded columns of 3 to ``FEATURE_CODE_LEVELS`` levels only (sites, units,
    weekdays)."""
    rs = (diagnostics or {}).get("residual_structure")
    if not isinstance(rs, dict) or metric not in REGRESSION_METRICS or not isinstance(rs.get("columns"), dict):
        return None
    cols = {k: c for k, c in rs["columns"].items()
            if not codes_only or (c.get("integer") and 3 <= c.get("levels", 0) <= T.FEATURE_CODE_LEVELS)}
    if not cols:
        return None
    col = max(cols, key=lambda k: cols[k]["excess"])
    c = cols[col]
    if c["excess"] < (T.MLE_RESIDUAL_STRUCTURE if line is None else line) or c["p_value"] >= T.MLE_RESIDUAL_P:
        return None
    return col, c


def systematic_residuals(rec: RunRecord, facts: Facts) -> Finding | None:
    """A statistical fit whose validation residuals trend with a column: the likelihood's mean function misses how
    the target depends on it (a covariate on the wrong scale, censoring ignored, a term missing), however it
    compares with the references."""
    if facts.kind != "mle":
        return None
    trend = residual_trend(rec.diagnostics, facts.metric)
    if trend is None:
        return None
    col, c = trend
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"the validation residuals trend with `{col}`: {_trend_words(c)}, so the likelihood's mean "
                   f"function misses how the target depends on `{col}`, or the validation targets are not what it "
                   "predicts (censored values, a drift between the splits)",
                   {"residual_trend": col, "residual_share": c["share"], "cause": None})


def _trend_words(c: dict[str, float]) -> str:
    """How much of the residuals' variance a column's bins explain, against chance, with the F test's p-value."""
    return (f"their means over {c['bins']:g} bins of it explain {c['share']:.0%} of their variance (bins explain "
            f"{c['chance']:.0%} by chance; F test p = {c['p_value']:.2g})")


def _mildly_behind_and_misconfigured(rec: RunRecord, value: float, facts: Facts) -> Finding | None:
    """A model behind the best reference of its class by more than ``REF_MILD_RATIO`` while a configuration value is
    far outside its usual range: two independent signs, so the run is investigated rather than accepted."""
    from model_trainer.probes.config_range import out_of_range

    if facts.kind == "mle" or facts.metric not in _JUDGED:
        return None
    suspects = out_of_range(facts.config)
    behind = _behind_mildly(value, facts) if suspects else None
    if behind is None:
        return None
    best, ref, ratio = behind
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(ref)} "
                   f"(error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x) while "
                   + "; ".join(o["said"] for o in suspects) + " is beyond its usual range",
                   {"vs_references": True, "reference": best, "reference_value": ref, "ratio": ratio,
                    "mild": True, "config_suspects": [o["key"] for o in suspects], "cause": suspects[0]["cause"]})


def _behind_mildly(value: float, facts: Facts) -> tuple[str, float, float] | None:
    """The best non-constant reference, its value and how many times its error ``value``'s error is, where that is
    at least ``REF_MILD_RATIO``; else None."""
    refs = {k: v for k, v in applicable_references(facts).items() if k != "constant"}
    if not refs or not math.isfinite(value):
        return None
    best = min(refs, key=lambda k: _error(facts.metric, refs[k]))
    e_best = _error(facts.metric, refs[best])
    if e_best <= 0 or _error(facts.metric, value) < T.REF_MILD_RATIO * e_best:
        return None
    return best, refs[best], _error(facts.metric, value) / e_best


def unrepeatable(diagnostics: dict[str, Any] | None) -> str | None:
    """What says the returned model answers the same validation rows differently on a second call, or None."""
    d = diagnostics or {}
    share = d.get("pred_repeat_share")
    if not isinstance(share, (int, float)) or share < T.PRED_REPEAT_SHARE:
        return None
    said = (f"two predictions of the validation rows by the returned model differ on {share:.0%} of them (by up to "
            f"{num(d.get('pred_repeat_diff', float('nan')))} of the predictions' standard deviation)")
    modes = d.get("train_mode_modules")
    if modes:
        said += (", and its torch module" + ("s " if len(modes) > 1 else " ") + ", ".join(f"`{m}`" for m in modes)
                 + (" are" if len(modes) > 1 else " is") + " still in training mode, with dropout or batch-norm layers")
    return said


def _mildly_behind_and_unrepeatable(rec: RunRecord, value: float, facts: Facts) -> Finding | None:
    """A model behind the best reference by more than ``REF_MILD_RATIO`` whose predictions of the same rows differ
    between two calls: each answer is a noisy draw (dropout left on at prediction), so the score is no measure of the
    trained network, and the run is investigated rather than accepted."""
    said = unrepeatable(rec.diagnostics) if facts.metric in _JUDGED else None
    behind = _behind_mildly(value, facts) if said else None
    if behind is None:
        return None
    best, ref, ratio = behind
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(ref)} "
                   f"(error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x) while {said}",
                   {"vs_references": True, "reference": best, "reference_value": ref, "ratio": ratio,
                    "mild": True, "unrepeatable": True, "cause": "training_loop_bug"})


def _mildly_behind_with_residual_trend(rec: RunRecord, value: float, facts: Facts) -> Finding | None:
    """A model behind the best reference by more than ``REF_MILD_RATIO`` whose validation residuals trend with an
    integer-coded column of a few levels (``residual_trend`` at ``RESIDUAL_TREND_MILD``, the line for one sign of
    two): a category read as one number, or a time step whose course the model misses, where the references pick up
    its levels' effects. Along a continuous column a model behind boosted trees always leaves some trend (a
    smoother's bias on a curve), so only codes count. A statistical fit is held to its trend alone
    (``systematic_residuals``)."""
    if facts.kind == "mle":
        return None
    trend = residual_trend(rec.diagnostics, facts.metric, codes_only=True, line=T.RESIDUAL_TREND_MILD)
    behind = _behind_mildly(value, facts) if trend else None
    if trend is None or behind is None:
        return None
    best, ref, ratio = behind
    col, c = trend
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(ref)} "
                   f"(error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x) while its residuals trend with `{col}`: "
                   f"{_trend_words(c)}, so the model misses how the target depends on `{col}`",
                   {"vs_references": True, "reference": best, "reference_value": ref, "ratio": ratio, "mild": True,
                    "residual_trend": col, "residual_share": c["share"], "cause": None})


def at_the_constant(value: float, facts: Facts) -> bool:
    """``value``'s error is within ``REPAIR_MIN_GAIN`` of the constant predictor's, or worse."""
    const = refs_of(facts).get("constant")
    if const is None or not math.isfinite(value) or facts.metric not in _JUDGED:
        return False
    e_const = _error(facts.metric, const)
    return e_const > 0 and _error(facts.metric, value) >= (1 - T.REPAIR_MIN_GAIN) * e_const


def learnt_nothing(rec: RunRecord, facts: Facts) -> Finding | None:
    """A changed run's model no better than the constant predictor (within ``REPAIR_MIN_GAIN`` of its error): it is
    no repair, whatever flag the change removed. Never asked of a first run (a healthy model of data without signal
    is accepted as what the data allow)."""
    value = judged_value(rec, facts.higher_is_better)
    const = refs_of(facts).get("constant")
    if value is None or const is None or not math.isfinite(value) or facts.metric not in _JUDGED:
        return None
    e_model, e_const = _error(facts.metric, value), _error(facts.metric, const)
    if e_const <= 0 or e_model < (1 - T.REPAIR_MIN_GAIN) * e_const:
        return None
    refs = ", ".join(f"{k} {num(v)}" for k, v in refs_of(facts).items() if v is not None)
    others = [_error(facts.metric, v) for k, v in applicable_references(facts).items() if k != "constant"]
    evidence = {"vs_references": True, "reference": "constant", "reference_value": const, "ratio": e_model / e_const}
    said = ""
    if others and min(others) >= (1 - T.REPAIR_MIN_GAIN) * e_const:
        # nothing fitted on these training rows predicts the validation target: no knob makes a model learn it
        evidence["cause"] = "label_corruption"
        said = ("; no reference beats the constant either, so the training labels carry no signal for these inputs "
                "(labels that no longer match their rows, or the wrong column)")
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)} is no better than the constant predictor's {num(const)}: "
                   f"a model that learnt nothing repairs nothing (references: {refs}){said}", evidence)


def mildly_behind(value: float, facts: Facts) -> float | None:
    """How many times the best non-constant reference's error ``value``'s error is, where that is more than
    ``REF_MILD_RATIO`` and more than ``REF_GAP_SHARE`` of the gain that reference makes over the constant; else None
    (statistical fits are held to the clear gap only, see ``behind_references``)."""
    if facts.kind == "mle" or facts.metric not in _JUDGED or not math.isfinite(value):
        return None
    refs = {k: v for k, v in applicable_references(facts).items() if k != "constant"}
    const = refs_of(facts).get("constant")
    if not refs or const is None:
        return None
    e_best = min(_error(facts.metric, v) for v in refs.values())
    e_model, e_const = _error(facts.metric, value), _error(facts.metric, const)
    share = T.REF_GAP_SHARE if e_best > 0 else T.REF_GAP_SHARE_PERFECT
    if e_model < T.REF_MILD_RATIO * e_best or e_model <= e_best + share * (e_const - e_best):
        return None
    return e_model / e_best if e_best > 0 else math.inf


def ended_on_a_swing(rec: RunRecord, facts: Facts) -> tuple[str, float, float] | None:
    """``(key, last, median)`` where the run's last epoch ended more than ``END_SPIKE_RATIO`` worse than the median
    of the epochs before it (its last quarter, at least ``END_SPIKE_WINDOW``) on the metric it logs, else its
    validation loss (the loss first for a score such as accuracy), and its model is behind the best reference; else
    None. A run that restored its best weights returned no last-epoch model, and a model at or beyond the
    references needs nothing.

    >>> from types import SimpleNamespace
    >>> from model_trainer.events import EpochLogged, RunRecord
    >>> vals = [0.2, 0.13, 0.12, 0.11, 0.112, 0.109, 0.111, 0.108, 0.11, 0.138]
    >>> rec = RunRecord("r", {}, {}, history=[EpochLogged(i + 1, {"metric": v}, 0.1) for i, v in enumerate(vals)])
    >>> refs = SimpleNamespace(references={"constant": 0.7, "linear": 0.28, "boosting": 0.116})
    >>> key, last, med = ended_on_a_swing(rec, Facts(metric="rmse", data=refs))
    >>> key, last, round(med, 3)
    ('metric', 0.138, 0.11)
    >>> ended_on_a_swing(rec, Facts(metric="rmse", data=SimpleNamespace(references={"boosting": 0.2})))
    """
    if any(n.startswith("restored the weights of epoch") for n in rec.notes):
        return None
    value = judged_value(rec, facts.higher_is_better)
    if value is None or at_or_beyond_best_reference(value, facts):
        return None
    # a score counted in rows (accuracy on a small validation split) moves in steps of a row or two: its loss is the
    # finer measure of the same model where it is logged
    keys = ("val_loss", "metric") if facts.metric in _BOUNDED_SCORES else ("metric", "val_loss")
    for key in keys:
        vals = finite(series(rec.history, key))
        if len(vals) != len(rec.history) or len(vals) < 2 * T.END_SPIKE_WINDOW:
            continue
        median = statistics.median(vals[-1 - max(T.END_SPIKE_WINDOW, len(vals) // 4):-1])
        err = (lambda v: _error(facts.metric, v)) if key == "metric" else (lambda v: v)
        if err(median) > 0 and err(vals[-1]) > T.END_SPIKE_RATIO * err(median):
            return key, vals[-1], median
        return None
    return None


def _loss_pairs(rec: RunRecord) -> list[tuple[int, float, float]]:
    pairs = [(e.epoch, e.get("train_loss"), e.get("val_loss")) for e in rec.history]
    return [(ep, t, v) for ep, t, v in pairs if t is not None and v is not None and math.isfinite(t)
            and math.isfinite(v) and t >= 0 and v > 0]


def one_fit_memorised(rec: RunRecord) -> tuple[int, float, float] | None:
    """``(epoch, train loss, validation loss)`` of a model fitted once (a tree, a kernel machine: no curve to rise)
    whose training loss is at most ``1 / MEMORISED_GAP`` of its validation loss, else None: the gap between the one
    fit's two losses is the evidence that it reproduces its training rows.

    >>> from model_trainer.events import EpochLogged, RunRecord
    >>> fit = RunRecord("r", {}, {}, history=[EpochLogged(1, {"train_loss": 0.0, "val_loss": 0.535}, 0.1)])
    >>> one_fit_memorised(fit)
    (1, 0.0, 0.535)
    >>> one_fit_memorised(RunRecord("r", {}, {}, history=[EpochLogged(1, {"train_loss": 0.1, "val_loss": 0.5}, 0.1)]))
    """
    pairs = _loss_pairs(rec)
    if len(rec.history) != 1 or len(pairs) != 1:
        return None
    ep, t, v = pairs[0]
    return None if t * T.MEMORISED_GAP > v else (ep, t, v)


# minimize's methods whose iterations are single line-search steps of a quasi-Newton model (no method given: BFGS,
# or L-BFGS-B with bounds)
_QUASI_NEWTON = ("bfgs", "l-bfgs-b", "cg")


def _mildly_behind_and_stalled(rec: RunRecord, value: float, facts: Facts) -> Finding | None:
    """A model behind the best reference of its class (``mildly_behind``) whose scipy fit reported convergence after
    fewer iterations than it has parameters: a quasi-Newton fit has not moved along every direction of its
    parameters by then, so its "convergence" is a stop near where it started (a first step that overflowed, a
    gradient on scales orders apart). Quasi-Newton and conjugate-gradient methods only (``_QUASI_NEWTON``). Two
    independent signs; the fit's own message is quoted, not contradicted.

    >>> f = Facts(metric="rmse", kind="function", diagnostics={"fit_success": True, "fit_iterations": 1,
    ...           "fit_params": 5, "fit_message": "CONVERGENCE"})
    >>> _mildly_behind_and_stalled(RunRecord("r", {}, {}), 28.6, f) is None   # no references: no claim
    True
    """
    d = facts.diagnostics or {}
    nit, k = d.get("fit_iterations"), d.get("fit_params")
    if d.get("fit_success") is not True or not isinstance(nit, int) or not isinstance(k, int) or nit >= k:
        return None
    if str(d.get("fit_method") or "bfgs").lower() not in _QUASI_NEWTON:
        return None  # Newton steps, trust regions and Powell's sweeps converge in fewer iterations than parameters
    ratio = mildly_behind(value, facts)
    if ratio is None:
        return None
    refs = {r: v for r, v in applicable_references(facts).items() if r != "constant"}
    best = min(refs, key=lambda r: _error(facts.metric, refs[r]))
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(refs[best])}"
                   + (f" (error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x)" if math.isfinite(ratio) else "")
                   + f" while the optimiser reported convergence (\"{d.get('fit_message', '')}\") after {nit} "
                   f"iteration{'s' if nit != 1 else ''} for {k} parameters: the fit stopped near where it started",
                   {"vs_references": True, "reference": best, "reference_value": refs[best], "ratio": ratio,
                    "mild": True, "stalled_fit": {"iterations": nit, "parameters": k}, "cause": None})


def _mildly_behind_and_memorised(rec: RunRecord, value: float, facts: Facts) -> Finding | None:
    """A model behind the best reference of its class by more than ``REF_MILD_RATIO`` (and by more than
    ``REF_GAP_SHARE`` of the gain the reference makes over the constant) whose training loss ended far below its
    validation loss, which has risen from its minimum: the network memorised the training split. Two independent
    signs of overfitting whose rise stays below the detector's ``OVERFIT_RISE``."""
    from model_trainer.detect.overfitting import smooth

    ratio = mildly_behind(value, facts)
    if ratio is None:
        return None
    refs = {k: v for k, v in applicable_references(facts).items() if k != "constant"}
    best = min(refs, key=lambda k: _error(facts.metric, refs[k]))
    if len(rec.history) == 1:
        fit = one_fit_memorised(rec)
        if fit is None:
            return None
        ep, t, v = fit
        return Finding("overfitting", ep,
                       f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(refs[best])}"
                       + (f" (error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x)" if math.isfinite(ratio) else "")
                       + f" while the one fit's training loss is {num(t)} against a validation loss of {num(v)}: the "
                       "model memorised the training split",
                       {"vs_references": True, "reference": best, "reference_value": refs[best], "ratio": ratio,
                        "mild": True, "best_epoch": ep, "rise": None, "cause": "insufficient_regularization"})
    pairs = _loss_pairs(rec)
    if len(pairs) < 6:
        return None
    window = max(3, len(pairs) // 20)
    train, val = smooth([t for _, t, _ in pairs], window), smooth([v for _, _, v in pairs], window)
    i_min = min(range(len(val)), key=lambda i: val[i])
    tail = max(window, len(val) // 4)
    rise = (min(val[-tail:]) - val[i_min]) / val[i_min]
    if train[-1] * T.MEMORISED_GAP > val[-1] or rise < T.OVERFIT_MILD_RISE:
        return None
    return Finding("overfitting", pairs[i_min][0],
                   f"validation {facts.metric} {num(value)} is behind the {best} reference's {num(refs[best])}"
                   + (f" (error {ratio:.2f}x, above {T.REF_MILD_RATIO:g}x)" if math.isfinite(ratio) else "")
                   + f" while the training loss ended at {num(pairs[-1][1])} against a validation loss of "
                   f"{num(pairs[-1][2])}, which rose from its minimum {num(min(v for _, _, v in pairs))}: the model "
                   "memorised the training split",
                   {"vs_references": True, "reference": best, "reference_value": refs[best], "ratio": ratio,
                    "mild": True, "best_epoch": pairs[i_min][0], "rise": rise, "cause": "insufficient_regularization"})


def _own_predictions_behind(rec: RunRecord, reported: float, facts: Facts) -> Finding | None:
    """The returned model's own predictions on the validation file (``metric_own``), scored as the references are,
    disagree with the metric the code reported (an error more than ``METRIC_DISAGREE`` times larger) and are behind
    the references: clearly, or by more than ``REF_MILD_RATIO``. What the code reports was then computed on something
    else (targets it cast or rescaled, a ``predict`` that returns another scale, a model left in training mode)."""
    if facts.kind == "mle":
        return None  # a fit's own score is its metric: there is nothing else it could disagree with
    own = (rec.diagnostics or {}).get("metric_own")
    if not isinstance(own, (int, float)) or not math.isfinite(own) or facts.metric not in _JUDGED:
        return None
    e_own, e_rep = _error(facts.metric, own), _error(facts.metric, reported)
    if e_own <= T.METRIC_DISAGREE * max(e_rep, 1e-12):
        return None  # the two agree (a per-batch average, rounding): the ordinary rules judge the run
    gap = behind_references(own, facts)
    if gap is None:
        refs = {k: v for k, v in applicable_references(facts).items() if k != "constant"}
        if not refs:
            return None
        best = min(refs, key=lambda k: _error(facts.metric, refs[k]))
        e_best = _error(facts.metric, refs[best])
        if e_best <= 0 or e_own < T.REF_MILD_RATIO * e_best:
            return None
        gap = {"reference": best, "reference_value": refs[best], "ratio": e_own / e_best}
    return Finding("underfitting", rec.history[-1].epoch if rec.history else None,
                   f"the returned model's own predictions score validation {facts.metric} {num(own)} against the "
                   f"validation file's target ("
                   + (f"{gap['ratio']:.2f}x the {gap['reference']} reference's error"
                      if math.isfinite(gap["ratio"]) else f"the {gap['reference']} reference makes no error")
                   + f", at {num(gap['reference_value'])}), while the training code reported {num(reported)} "
                   f"({e_own / max(e_rep, 1e-12):.2f}x apart, beyond {T.METRIC_DISAGREE:g}x): the code scores "
                   "something other than this model's predictions of the file's target",
                   {**gap, "vs_references": True, "metric_own": own, "metric_reported": reported,
                    "cause": "label_corruption"})
