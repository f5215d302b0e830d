"""The Why: root cause, domain insight and implication, built from evidence and the spec's [domain] words.

Every number quoted here comes from a recorded run or from the data report of the spec's files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from model_trainer.detect.base import Finding
from model_trainer.events import RunRecord, Why
from model_trainer.probes.data_report import DataReport
from model_trainer.probes.gradients import GroupGradients
from model_trainer.records.fmt import num, share
from model_trainer.spec import DomainSection


@dataclass
class Evidence:
    finding: Finding
    failing: RunRecord
    report: DataReport | None
    grads: GroupGradients | None
    saturation: float | None
    failed_tests: list[str]          # descriptions of interventions whose run was not accepted
    fix_description: str | None
    final: RunRecord | None
    metric: str
    higher_is_better: bool
    baseline: float | None
    final_metric: float | None = None   # the metric of the model the fixed run returned (best epoch if restored)
    # changes kept on top of the run that first had no red flag, and what they did to it ("" when none were)
    improved_by: str = ""


def _group_name(domain: DomainSection, group: str) -> str:
    label = domain.groups.get(group)
    return f"`{group}` ({label})" if label else f"`{group}`"


def metric_in_units(ev: Evidence, domain: DomainSection, rec: RunRecord | None) -> str | None:
    """'RMSE 4.2 cases/day, 3% of the largest observed value (140 cases/day)' for the model a run returned."""
    if rec is None:
        return None
    m = ev.final_metric if ev.final_metric is not None and rec is ev.final else rec.last("metric")
    if m is None or not math.isfinite(m):
        return None
    # a share of correct answers has no unit: the target's units belong to errors measured in them
    units = f" {domain.target_units}" if domain.target_units and ev.metric in ("rmse", "mae") else ""
    text = f"validation {ev.metric} {num(m)}{units}"
    rep = ev.report
    if ev.metric in ("rmse", "mae") and rep is not None and rep.target_absmax_val:
        text += (f", {share(m / rep.target_absmax_val, 1)} of the largest observed value "
                 f"({num(rep.target_absmax_val)}{units})")
    if ev.baseline and not ev.higher_is_better and ev.baseline > 0:
        text += f" and {share(m / ev.baseline)} of the constant predictor's {num(ev.baseline)}"
    return text


def explain(root_cause: str, ev: Evidence, domain: DomainSection) -> Why:
    rep, g = ev.report, ev.grads
    tried = f" ({'; '.join(ev.failed_tests)} did not make the run acceptable)" if ev.failed_tests else ""
    fixed = (f" {ev.fix_description[0].upper()}{ev.fix_description[1:]} removed the red flag."
             if ev.fix_description else "") + (f" {ev.improved_by}" if ev.improved_by else "")
    perf = metric_in_units(ev, domain, ev.final)
    perf_s = f" The repaired model reaches {perf}." if perf else ""
    if root_cause == "gradient_heterogeneity" and g is not None:
        (hi, hv), (lo, lv) = g.hi, g.lo
        return Why(
            root_cause=f"Gradient heterogeneity: at epoch {g.epoch} the parameter group {_group_name(domain, hi)} "
                       f"received a gradient norm of {num(hv)} against {num(lv)} for {_group_name(domain, lo)}"
                       + (f", {g.ratio:.3g}x more" if math.isfinite(g.ratio) else ", which received none")
                       + f". One step size that is safe for one group is unstable for the other{tried}.{fixed}",
            domain_insight=(f"The inputs behind {_group_name(domain, hi)} drive {g.ratio:.3g}x more gradient flow "
                            f"than those behind {_group_name(domain, lo)}" if math.isfinite(g.ratio) else
                            f"Gradient flowed through {_group_name(domain, hi)} and not through "
                            f"{_group_name(domain, lo)}") + f" (measured at epoch {g.epoch}).{perf_s}",
            implication=f"Worth a paragraph on heterogeneity between {hi} and {lo}: the training behaviour itself "
                        "shows that they need separate treatment (clipping, separate parameter classes or "
                        "stronger regularisation on the dominant group).")
    if root_cause == "unscaled_features" and rep is not None:
        wide = ", ".join(f"`{c}` (std {num(s)})" for c, s in rep.widest(2))
        narrow = rep.narrowest()
        nar = f" against `{narrow[0]}` (std {num(narrow[1])})" if narrow else ""
        return Why(
            root_cause=f"Unscaled features: the feature standard deviations span {rep.scale_spread:.3g}x, from "
                       f"{wide}{nar}. Gradients scale with the inputs, so the widest features dominate every "
                       f"step{tried}.{fixed}",
            domain_insight=perf_s.strip(),
            implication="State in the methods section that inputs were standardised (training-split mean and "
                        "standard deviation, stored with the model)"
                        + (f"; without it run `{ev.failing.run_id}` failed ({ev.finding.symptom})."
                           if ev.finding.symptom in ("nan_loss", "exploding_gradients") else "."))
    if root_cause == "unscaled_target" and rep is not None and rep.target_std is not None:
        return Why(
            root_cause=f"Unscaled target: `{rep.target}` has mean {num(rep.target_mean)} and std "
                       f"{num(rep.target_std)}, far from the unit scale a freshly initialised network outputs; the "
                       f"loss and its gradients are correspondingly huge{tried}.{fixed}",
            domain_insight=f"The target lives on a scale of {num(rep.target_std)}"
                           f"{' ' + domain.target_units if domain.target_units else ''} (std on the training split)"
                           + ("; the accepted model was trained on the standardised target and its predictions are "
                              "mapped back to these units." if ev.fix_description and "standardi" in
                              ev.fix_description else ".") + perf_s,
            implication="Mention the target standardisation and that reported errors are back in the target's "
                        "units.")
    if root_cause == "non_identifiable" and ev.failing.diagnostics:
        d0 = ev.failing.diagnostics
        d1 = ev.final.diagnostics if ev.final is not None else {}
        weak = d0.get("weak", [])
        support = [w["name"] for w in weak if w["reason"] == "no data support"]
        coll = [w["name"] for w in weak if w["reason"] == "collinearity"]
        tiers = (d1 or {}).get("reparam", {}).get("tiers") or []
        est = (d1 or {}).get("estimates", {})
        order = sorted(((k, v) for k, v in est.items() if any(k == t["name"] for t in tiers)), key=lambda kv: -kv[1])
        ranking = " > ".join(f"{k} ({v:.3g})" for k, v in order)
        kinds = [f"{len(support)} without data support, e.g. {', '.join(support[:3])}" if support else "",
                 f"{len(coll)} collinear with others, e.g. {', '.join(coll[:3])}" if coll else ""]
        detail = "; ".join(k for k in kinds if k)
        fixed_by = (" The change that removed the red flag: "
                    f"{ev.fix_description.removeprefix('changing ').removeprefix('the change ')}."
                    if ev.fix_description else "")
        if tiers:
            implication = ("Worth a section on the parameterisation: why entity-specific parameters are over-ambitious "
                           "for these data, and the tier approach justified by identifiability (the condition number) "
                           "and by the domain (the covariate that defines the tiers).")
        elif d1 is not None and (d1.get("reparam") or {}).get("fixed"):
            implication = ("State in the paper which parameter was held fixed and why: the data determine only the "
                           "combination, so the reported value of its partner carries both.")
        else:
            implication = ""
        return Why(
            root_cause=f"Non-identifiable parameters: {len(weak)} of {d0.get('n_params')} parameters had no direction "
                       f"the data could pin down" + (f" ({detail})" if detail else "") + ". The data cannot tell "
                       f"these parameters apart, so the information matrix is singular{tried}.{fixed_by}",
            domain_insight=((f"The tied estimates order as {ranking}." if ranking else "") + perf_s).strip(),
            implication=implication)
    if root_cause == "invalid_data" and rep is not None and "constant column" in (ev.fix_description or ""):
        return Why(
            root_cause=f"A column with one value: {ev.finding.message}. A column that never varies on the training "
                       "split carries no information" + (", and standardising it divides by its zero spread (the run "
                       "warned of an invalid value in a division)" if any("divide" in w.message for w in
                                                                          ev.failing.warnings) else "")
                       + f".{fixed}",
            domain_insight=perf_s.strip(),
            implication="Report the column(s) dropped as carrying no information in this data.")
    if root_cause == "invalid_data" and rep is not None:
        cells = ", ".join(f"`{c}` ({n} cells)" for c, n in rep.non_finite.items()) or ", ".join(rep.leakage)
        return Why(
            root_cause=f"Invalid data: {ev.finding.message}." + (f" Affected: {cells}." if cells else "") + fixed,
            domain_insight=perf_s.strip(),
            implication="Report how many rows were dropped and check that the gaps are not systematic (a region "
                        "or period that never reports)." if rep.non_finite else "")
    diverged = ev.finding.symptom in ("nan_loss", "exploding_gradients", "oscillating_loss")
    texts: dict[str, tuple[str, str, str]] = {
        "learning_rate_too_high": (
            f"The learning rate was too high for this loss surface: {ev.finding.message}{tried}.{fixed}"
            + ("" if diverged else " Steps that large push ReLU units to where they output zero, after which no "
               "gradient reaches the layers before them." if ev.finding.symptom in ("vanishing_gradients",
                                                                                   "dying_relu")
               and ev.failing.config.get("activation") == "relu" else ""),
            perf_s.strip(),
            "Report the learning rate as a stability-bound choice, with the diverging value as evidence." if diverged
            else f"Report the learning rate chosen and the larger value at which `{ev.finding.symptom}` showed."),
        "learning_rate_too_low": (
            f"The learning rate was too low: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the learning rate and the convergence it gave; the slow run is a sensitivity data point."),
        "numerical_overflow": (
            f"Numerical overflow: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the parameterisation and starting values of the exponential terms."),
        "insufficient_training": (
            f"Training stopped before convergence: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the number of epochs with the convergence curve as justification."),
        "insufficient_regularization": (
            f"Too little regularisation: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the regularisation (early stopping / weight decay) and show the validation curve that "
            "motivated it."),
        "insufficient_capacity": (
            f"The model was too small: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the capacity chosen and the underfit of the smaller model."),
        "saturating_activation": (
            f"Saturating activations: {ev.finding.message}"
            + (f"; {ev.saturation:.0%} of tanh/sigmoid outputs were saturated" if ev.saturation else "")
            + f"{tried}.{fixed}",
            perf_s.strip(),
            ""),
        "bad_initialization": (
            f"Badly scaled initial weights: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            ""),
        "output_range_mismatch": (
            f"The output layer could not produce the target's range: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "State the output layer and the target's range."),
        "excessive_regularization": (
            f"Regularisation held the model back: {ev.finding.message}{tried}.{fixed}",
            perf_s.strip(),
            "Report the regularisation strength chosen and the weaker values searched."),
    }
    from model_trainer.causes import CAUSES

    known = CAUSES.get(root_cause)
    fallback = ((f"{known.meaning[0].upper()}{known.meaning[1:]} (`{root_cause}`): {ev.finding.message}{tried}."
                 f"{fixed}", perf_s.strip(), "") if known is not None else
                (f"Not established: {ev.finding.message}{tried}.", "", ""))
    rc, di, im = texts.get(root_cause, fallback)
    return Why(root_cause=rc, domain_insight=di, implication=im)


def config_summary(config: dict[str, Any], data_repairs: dict[str, Any] | None = None) -> str:
    parts = [f"{k}={v}" for k, v in config.items()]
    parts += [f"{k}" for k, v in (data_repairs or {}).items() if v]
    return ", ".join(parts) or "(empty config)"
