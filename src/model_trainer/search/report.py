"""The search log (the seed's section 4): Search Space, Results, Selected Configuration, Insight for Paper.

Every number comes from a trial's recorded run or from the sensitivity runs made here. Diverged
trials get diary entries that the table cites; a surprising optimum gets one too. The selected
configuration is retrained in full and becomes the published model and history.
"""

from __future__ import annotations

import csv
import io
import math
import time
from typing import Any

from model_trainer.events import DiaryEntry, Fix, TestRecord, Why
from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.fmt import num, short
from model_trainer.records.load import load_run
from model_trainer.search.space import Dim
from model_trainer.session import EXIT_OK, EXIT_UNRESOLVED, Session

SENSITIVITY = 0.3   # the seed's "robust to ±30% variation"


def _fmt(v: Any) -> str:
    return short(v) if isinstance(v, float) else str(v)


def write_report(session: Session, study: Any, space: dict[str, Dim]) -> int:
    import optuna

    from model_trainer.investigate import baseline_facts, model_metric, watch_for

    spec, ws = session.spec, session.ws
    trials = sorted(study.get_trials(deepcopy=False), key=lambda t: t.number)
    done = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    if not done:
        ws.log.error("search: no trial completed; nothing to select")
        _table(session, trials, space, None, {})
        return EXIT_UNRESOLVED
    best = study.best_trial
    best_cfg = {**spec.config, **best.params}
    entries: dict[int, int] = {}
    for t in trials:
        if t.state == optuna.trial.TrialState.PRUNED and t.user_attrs.get("run_id"):
            entries[t.number] = _diverged_entry(session, t, best, best_cfg)
    surprising = [n for n, d in space.items() if d.kind != "categorical" and d.at_edge(best.params[n])]
    far = [n for n, d in space.items() if d.kind != "categorical" and isinstance(spec.config.get(n), (int, float))
           and spec.config[n] > 0 and d.log and abs(math.log10(best.params[n] / spec.config[n])) >= 1]
    # the selected configuration, retrained in full, with a time budget of its own: the study may have used up
    # the spec's time_limit, and a final model cut short by the search's clock would not be the one selected
    session.renew_budget()
    facts = baseline_facts(session, best_cfg)
    final = session.run("search-final", best_cfg, full=True, watch=watch_for(facts), purpose="final")
    if final.ok:
        session.publish(final)
    # sensitivity: ±30% of each continuous hyperparameter around the optimum
    sens: dict[str, dict[str, Any]] = {}
    _, base_val = model_metric(final, spec.model.higher_is_better)
    for n, d in space.items():
        if d.kind == "categorical":
            continue
        sens[n] = {}
        for sign in (-1, 1):
            v = best.params[n] * (1 + sign * SENSITIVITY)
            v = round(v) if d.kind == "int" else float(f"{v:.6g}")
            rec = session.run(f"sens-{n}{'-' if sign < 0 else '+'}", {**best_cfg, n: v},
                              watch=watch_for(baseline_facts(session, {**best_cfg, n: v})), purpose="sensitivity")
            _, val = model_metric(rec, spec.model.higher_is_better)
            sens[n][f"{'-' if sign < 0 else '+'}30%"] = {"value": v, "metric": val, "run_id": rec.run_id,
                                                          "status": rec.status}
    if surprising or far:
        _surprising_entry(session, best, best_cfg, surprising, far, space, final)
    importances = {}
    try:
        importances = optuna.importance.get_param_importances(study)
    except (RuntimeError, ValueError) as exc:
        ws.log.warning(f"search: parameter importances not available: {exc}")
    if importances:
        import json

        atomic_write_text(session.ws.search_dir / "importances.json", json.dumps(importances, indent=2))
    plots = _plots(session, study)
    _table(session, trials, space, best, entries)
    _markdown(session, trials, space, best, best_cfg, entries, sens, base_val, importances, plots, final)
    return EXIT_OK if final.ok else EXIT_UNRESOLVED


def _note(t: Any, best: Any, entries: dict[int, int]) -> str:
    if best is not None and t.number == best.number:
        return "✅ Best"
    if t.number in entries:
        return f"Diverged (see diary #{entries[t.number]})"
    sym = t.user_attrs.get("symptom")
    if sym in ("underfitting", "slow_convergence"):
        return "Underfit (too slow)" if sym == "slow_convergence" else "Underfit"
    if sym == "overfitting":
        return "Overfit"
    if sym:
        return sym.replace("_", " ")
    return ""


def _rows(trials: list[Any], space: dict[str, Dim], best: Any, entries: dict[int, int]) -> list[dict[str, Any]]:
    rows = []
    for t in trials:
        row: dict[str, Any] = {"trial": t.number}
        row.update({n: t.params.get(n) for n in space})
        row["value"] = t.value if t.value is not None else float("nan")
        row["state"] = t.state.name.lower()
        row["run_id"] = t.user_attrs.get("run_id", "")
        row["notes"] = _note(t, best, entries)
        rows.append(row)
    return rows


def _table(session: Session, trials: list[Any], space: dict[str, Dim], best: Any, entries: dict[int, int]) -> None:
    rows = _rows(trials, space, best, entries)
    buf = io.StringIO()
    cols = ["trial", *space, "value", "state", "run_id", "notes"]
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()})
    atomic_write_text(session.ws.search_csv, buf.getvalue())


def _markdown(session: Session, trials: list[Any], space: dict[str, Dim], best: Any, best_cfg: dict[str, Any],
              entries: dict[int, int], sens: dict[str, Any], base_val: float, importances: dict[str, float],
              plots: list[str], final: Any) -> None:
    spec = session.spec
    m = spec.model.metric
    units = f" {spec.domain.target_units}" if spec.domain.target_units else ""
    out = ["## Hyperparameter Search Log", "", "### Search Space"]
    out += [f"- {d.describe()}" for d in space.values()]
    out += ["", "### Results", "", "| Trial | " + " | ".join(space) + f" | Val {m} | Notes |",
            "|---|" + "---|" * len(space) + "---|---|"]
    for r in _rows(trials, space, best, entries):
        val = "NaN" if r["state"] == "pruned" else ("—" if math.isnan(r["value"]) else num(r["value"]))
        if best is not None and r["trial"] == best.number:
            val = f"**{val}**"
        out.append(f"| {r['trial']} | " + " | ".join(_fmt(r[n]) for n in space) + f" | {val} | {r['notes']} |")
    done = [t for t in trials if t.value is not None]
    pruned = [t for t in trials if t.state.name == "PRUNED"]
    out += ["", "### Selected Configuration"]
    for n, d in space.items():
        v = best.params[n]
        reason = f"best validation {m} {num(best.value)}{units} among {len(done)} completed trials"
        if d.kind != "categorical":
            div = [t.params[n] for t in pruned if n in t.params]
            above = [x for x in div if x > v]
            if above:
                reason += f"; {len(above)} trial(s) with {n} above it diverged (lowest such {n} = {_fmt(min(above))})"
            s = sens.get(n, {})
            if s:
                changes = [f"{k}: {num(x['metric'])}" for k, x in s.items()]
                reason += "; at ±30%: " + ", ".join(changes)
        out.append(f"- {n} = {_fmt(v)} ({reason})")
    out += [f"- Retrained in full as run `{final.run_id}`: {m} {num(base_val)}{units}"
            + ("" if final.ok else f" (the retraining {final.status})"), "", "### Insight for Paper"]
    for n, s in sens.items():
        if not s:
            continue
        rel = []
        for k, x in s.items():
            if math.isfinite(x["metric"]) and math.isfinite(base_val) and base_val:
                rel.append(f"{k} -> {100 * (x['metric'] - base_val) / abs(base_val):+.1f}%")
            else:
                rel.append(f"{k} -> run {x['status']} (no finite {m})")
        out.append(f"- Sensitivity of {n} around {_fmt(best.params[n])}: " + ", ".join(rel) + f" in validation {m}.")
    for n, d in space.items():
        if d.kind == "categorical":
            continue
        div = sorted(t.params[n] for t in pruned if n in t.params)
        if div:
            bound = div[0]
            tried = [t for t in trials if n in t.params and t.params[n] >= bound]
            out.append(f"- Stability bound: with {n} >= {_fmt(bound)}, {len(div)} of {len(tried)} trials diverged.")
    if importances:
        out.append("- Parameter importances (Optuna, fANOVA): " + ", ".join(f"{k} {v:.2f}" for k, v in
                                                                             importances.items()) + ".")
    for p in plots:
        out += ["", f"![{p.split('/')[-1]}]({p})"]
    atomic_write_text(session.ws.search_md, "\n".join(out) + "\n")


def _plots(session: Session, study: Any) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from optuna.visualization import matplotlib as ovm

    made = []
    for name, fn in (("search_history", ovm.plot_optimization_history), ("search_importances",
                     ovm.plot_param_importances), ("search_slices", ovm.plot_slice)):
        try:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # optuna marks its matplotlib backend experimental
                ax = fn(study)
            fig = (ax if hasattr(ax, "savefig") else (ax.flat[0] if hasattr(ax, "flat") else ax).figure)
            session.ws.plots.mkdir(parents=True, exist_ok=True)
            fig.savefig(session.ws.plots / f"{name}.png", dpi=90, bbox_inches="tight")
            plt.close(fig)
            made.append(f"plots/{name}.png")
        except Exception as exc:  # noqa: BLE001 - a figure must never cost the search log
            session.ws.log.warning(f"search: plot {name} failed: {type(exc).__name__}: {exc}")
    return made


def _diverged_entry(session: Session, t: Any, best: Any, best_cfg: dict[str, Any]) -> int:
    from model_trainer.narrate import config_summary

    rec = load_run(session.ws.runs / t.user_attrs["run_id"])
    sym = t.user_attrs.get("symptom") or "training_error"
    msg = t.user_attrs.get("flag") or f"the run {rec.status}"
    cfg = {**session.spec.config, **t.params}

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(
            id=i, date=time.strftime("%Y-%m-%d %H:%M"), category="NUMERICAL", symptom=sym,  # type: ignore[arg-type]
            root_cause="learning_rate_too_high" if "lr" in t.params else "unknown",  # type: ignore[arg-type]
            what_happened=f"Search trial {t.number} ({config_summary(t.params)}) diverged: {msg} (run "
                          f"`{rec.run_id}`). It was stopped early and pruned.",
            error_message=f"red flag: {sym}: {msg}", initial_hypothesis="This region of the search space is unstable.",
            tests=[TestRecord(1, "Another configuration of the same space is stable", "Hyperparameter search",
                              "intervention", best.user_attrs.get("run_id"),
                              f"trial {best.number} ({config_summary(best.params)}) reached "
                              f"{session.spec.model.metric} {num(best.value)}", True)],
            fix=Fix(config_before=cfg, config_after=best_cfg, code_before="# trial configuration\n" +
                    "\n".join(f"{k} = {_fmt(v)}" for k, v in t.params.items()),
                    code_after="# selected configuration\n" + "\n".join(f"{k} = {_fmt(v)}" for k, v in
                                                                        best.params.items()),
                    run_id=best.user_attrs.get("run_id", "")),
            why=Why(root_cause=f"With {config_summary(t.params)} training is unstable: {msg}.",
                    domain_insight="The stable region of the hyperparameters is bounded; see the stability bound in "
                                   "results/hyperparameter_search.md.",
                    implication="Report the bound as part of the sensitivity analysis (Appendix)."),
            next_steps=["See results/hyperparameter_search.md for the stability bound and the sensitivity runs."],
            status="resolved", run_ids=[rec.run_id])
    return session.write_entry(build, [(f"trial {t.number}", rec)]).id


def _surprising_entry(session: Session, best: Any, best_cfg: dict[str, Any], edge: list[str], far: list[str],
                      space: dict[str, Dim], final: Any) -> None:
    from model_trainer.narrate import config_summary

    parts = [f"{n} = {_fmt(best.params[n])} lies at the edge of its range {space[n].describe()}" for n in edge]
    parts += [f"{n} = {_fmt(best.params[n])} is {best.params[n] / session.spec.config[n]:.3g}x the initial "
              f"{_fmt(session.spec.config[n])}" for n in far if n not in edge]

    def build(i: int) -> DiaryEntry:
        return DiaryEntry(
            id=i, date=time.strftime("%Y-%m-%d %H:%M"), category="PERFORMANCE", symptom="surprising_optimum",
            root_cause="unknown", what_happened="The search's optimum is surprising: " + "; ".join(parts) + ".",
            error_message="", initial_hypothesis="The space is too narrow, or the initial configuration was far "
                                                 "from a good one.",
            tests=[], fix=None,
            why=Why(root_cause="Not established: an optimum at the edge means the best value may lie outside the "
                               "searched range.",
                    domain_insight="Until the range is widened, the selected value is a bound, not an estimate.",
                    implication="Report the range searched and that the optimum sits at its edge."),
            next_steps=[f"Widen the range of {n} beyond {_fmt(best.params[n])} and search again." for n in edge]
            + [f"Update the default {n} in [config] ({_fmt(session.spec.config[n])}) toward the optimum, or explain "
               "why the initial value was chosen." for n in far if n not in edge]
            + ["Add this to the input for @metacognition_agent."],
            status="unresolved", run_ids=[final.run_id] + ([best.user_attrs["run_id"]] if "run_id" in
                                                           best.user_attrs else []))
    session.write_entry(build, [(f"selected ({config_summary(best.params)})", final)])
