"""The optimiser's word, checked, for maximum-likelihood fits (``kind = "mle"``).

- the likelihood is not finite at the returned estimates, or the optimiser gave up next to values where it is
  not: ``nan_loss`` (the fit is never accepted there; the record names the parameter values and rows);
- the optimiser hit its iteration limit before reaching a stationary point: ``slow_convergence``, named as
  an iteration limit (cause ``insufficient_training``);
- the optimiser reported convergence at a point that is not stationary on the parameters' own scales:
  ``slow_convergence`` with cause ``parameter_scaling`` when the parameters' natural step sizes are orders of
  magnitude apart (``mle/stationarity.py``).

- an estimate on a bound the model sets (other than zero): ``surprising_optimum``, the optimum lies outside the
  allowed range (a bound in the code or the spec that the data contradict). The same holds for a scipy fit in a
  function's own code (``minimize``, ``least_squares``, read by ``kinds/function.py``) whose model is behind its
  best reference by ``REF_MILD_RATIO``: there the parameters have no names, only places in ``x``.

A converged optimiser at a stationary point is never flagged here, whatever the iteration-by-iteration NLL
looked like: L-BFGS-B's own stopping test is the evidence.

Example:
    >>> d = {"nll_finite": True, "optimizer": {"success": False, "hit_iteration_limit": True, "nit": 50,
    ...      "message": "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT", "method": "L-BFGS-B"},
    ...      "stationarity": {"stationary": False, "worst": "a", "max_gain": 3.0}}
    >>> detect([], Facts(kind="mle", diagnostics=d)).evidence["cause"]
    'insufficient_training'
"""

from __future__ import annotations

from model_trainer.detect.base import Facts, Finding
from model_trainer.events import EpochLogged


def detect(history: list[EpochLogged], facts: Facts) -> Finding | None:
    d = facts.diagnostics
    if d and facts.kind == "function" and facts.finished:
        return _function_fit_on_bound(history, d, facts)
    if not d or facts.kind != "mle" or "optimizer" not in d or not facts.finished:
        return None
    opt = d["optimizer"]
    at = history[-1].epoch if history else None
    nit = opt.get("nit")
    said = f"{opt.get('method')} stopped after {nit} iteration{'' if nit == 1 else 's'}: \"{opt.get('message')}\""
    if d.get("nll_finite") is False:
        nf = d.get("non_finite") or {}
        where = ""
        if nf.get("last_point"):
            p = nf["last_point"]
            where = (" It was last not finite at " + ", ".join(f"`{k}` = {v:.4g}" for k, v in p["theta"].items())
                     + (f" ({_rows(nf['rows'])})" if nf.get("rows") else ""))
        return Finding("nan_loss", at, f"the likelihood is not finite at the returned estimates ({said}); "
                       f"{nf.get('non_finite_evaluations', 0)} of {nf.get('evaluations', 0)} likelihood evaluations "
                       f"were not finite.{where}", {"cause": "numerical_overflow" if _overflow(facts) else None,
                                                     "non_finite": nf})
    nf = d.get("non_finite") or {}
    edge = nf.get("next_to_estimates") or []
    if edge and (d.get("finite") is False or not opt.get("success")):
        p = nf.get("last_point") or {}
        return Finding("nan_loss", at, f"the fit stopped against parameter values where the likelihood is not finite "
                       f"({said}): one step {', '.join(f'`{e}`' for e in edge[:4])} from the estimates it is not "
                       f"finite; {nf.get('non_finite_evaluations', 0)} of {nf.get('evaluations', 0)} evaluations "
                       "during the fit were not finite"
                       + (", the last at " + ", ".join(f"`{k}` = {v:.4g}" for k, v in p["theta"].items())
                          if p.get("theta") else "")
                       + (f" ({_rows(nf['rows'])})" if nf.get("rows") else ""),
                       {"cause": None, "non_finite": nf, "edge": edge})
    st = d.get("stationarity") or {}
    stationary = st.get("stationary", True)
    if opt.get("hit_iteration_limit") and not stationary:
        return Finding("slow_convergence", at,
                       f"the optimiser hit its iteration limit ({said}) before reaching a stationary point: a step "
                       f"on `{st.get('worst')}` alone would still lower the NLL by {st.get('max_gain', 0):.3g}",
                       {"cause": "insufficient_training", "iteration_limit": opt.get("max_iter"),
                        "newton_gain": st.get("max_gain")})
    if not stationary:
        sc = d.get("scaling") or {}
        gap = bool(sc.get("gap"))
        msg = (f"the optimiser reported {'convergence' if opt.get('success') else 'its stop'} ({said}) at a point "
               f"that is not stationary: a step on `{st.get('worst')}` alone would lower the NLL by "
               f"{st.get('max_gain', 0):.3g}")
        if gap:
            msg += (f"; the parameters' natural step sizes span {sc['orders']:.1f} orders of magnitude "
                    f"(`{sc['smallest']}` {sc['step'][sc['smallest']]:.3g} to `{sc['largest']}` "
                    f"{sc['step'][sc['largest']]:.3g}), more than an optimiser on the raw scale can handle together")
        start = _unmoved(d)
        if start:
            msg += f"; {', '.join(f'`{n}`' for n in start)} did not move from its start value"
        return Finding("slow_convergence", at, msg, {"cause": "parameter_scaling" if gap else None,
                                                     "newton_gain": st.get("max_gain"), "worst": st.get("worst"),
                                                     "scale_orders": sc.get("orders"), "unmoved": start})
    # an estimate on a bound the model sets away from zero: the likelihood's optimum lies outside the allowed range
    # (a bound at zero is the natural floor of a rate or a size, where "no effect" is a legitimate estimate)
    set_bounds = [b for b in d.get("at_bounds") or [] if isinstance(b.get("value"), (int, float)) and b["value"] != 0]
    if set_bounds:
        b = set_bounds[0]
        return Finding("surprising_optimum", at,
                       f"the fit ends on a bound: `{b['parameter']}` = {b['value']:g} is at its {b['bound']} bound "
                       "the model sets" + (f" (and {len(set_bounds) - 1} more)" if len(set_bounds) > 1 else "")
                       + "; the likelihood's optimum lies outside the allowed range",
                       {"cause": None, "at_bounds": set_bounds})
    return None


def _rows(rows: list[int]) -> str:
    """Row labels as a reader counts them in the CSV: line = label + 2 (the header, 1-based lines)."""
    lines = ", ".join(str(r + 2) if isinstance(r, int) else str(r) for r in rows)
    return f"line{'s' if len(rows) > 1 else ''} {lines} of the training file"


def _overflow(facts: Facts) -> bool:
    return any("overflow" in w for w in facts.warnings)


def _unmoved(d: dict) -> list[str]:
    return list(d.get("unmoved") or [])


def _function_fit_on_bound(history: list[EpochLogged], d: dict, facts: Facts) -> Finding | None:
    from model_trainer.detect import thresholds as T
    from model_trainer.detect.base import errors_against_references

    at = d.get("fit_at_bounds") or []
    if not at:
        return None
    errors = errors_against_references(history, facts, d.get("metric_own"))
    if errors is None or errors[0] <= T.REF_MILD_RATIO * errors[1]:
        return None
    n = d.get("fit_params")
    bounds = [{"parameter": f"x[{b['index']}]", "bound": b["bound"], "value": b["value"], "call": d.get("fit_call")}
              for b in at]
    b = bounds[0]
    return Finding("surprising_optimum", history[-1].epoch if history else None,
                   f"the code's scipy fit ends on a bound: `{b['parameter']}` (of {n} parameters) = {b['value']:g} is "
                   f"at its {b['bound']} bound" + (f" (and {len(bounds) - 1} more)" if len(bounds) > 1 else "")
                   + "; the optimum lies outside the allowed range, and the model is behind the references",
                   {"cause": None, "at_bounds": bounds})
