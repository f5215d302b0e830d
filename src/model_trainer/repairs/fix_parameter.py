"""Hold one parameter of a non-identifiable pair fixed (at 0 it is dropped), so the other carries what both did.

The value is justified by the fit itself: ``mle/fixes.py`` refits with each member of the flagged pair held at
0 and at 1 (the others re-optimised) and records the NLL change; a value is offered only when the NLL rises by
less than chi2(1, 0.95)/2 = 1.92, i.e. the data do not tell it from the estimate. Parameters the likelihood
does not depend on at all are held together. The user's code is unchanged:
the tool re-parameterises (``mle/reparam.py``, ``fix``).

Example:
    >>> FixParameter().root_cause
    'non_identifiable'
"""

from __future__ import annotations

from model_trainer.detect import thresholds as T
from model_trainer.repairs.base import Change, Context, Repair


class FixParameter(Repair):
    name = "fix_parameter"
    root_cause = "non_identifiable"
    symptoms = ("singular_matrix",)
    hypothesis = "Two parameters do the same job: the data fix only their combination"

    def propose(self, ctx: Context) -> Change | None:
        d = ctx.facts.diagnostics or {}
        fixed = dict(ctx.data_repairs.get("fix") or {})
        options = [c for c in d.get("fix_candidates") or [] if not set(c["parameters"]) & set(fixed)
                   and c["delta_nll"] < T.MLE_PROFILE_DELTA]
        if not options:
            return None
        # changes far below the 95% line are all "no evidence": among those, parameters without any data support
        # first, then dropping (0) before fixing at 1
        best = min(options, key=lambda c: (c["delta_nll"] >= T.MLE_PROFILE_DELTA / 100, c["reason"] == "pair",
                                           c.get("value", 0) != 0, c["delta_nll"]))
        held = best["parameters"]
        shown = ", ".join(f"`{p}` {'dropped (held at 0)' if v == 0 else f'held at {v:g}'}" for p, v in held.items())
        why = (f"with {'it' if len(held) == 1 else 'them'} held there and the rest re-optimised the NLL changes by "
               f"{best['delta_nll']:.3g} (< {T.MLE_PROFILE_DELTA}), so the data do not set "
               f"{'its value' if len(held) == 1 else 'their values'}")
        if best["reason"] == "pair":
            desc = f"{shown}; `{best['partner']}` carries the combination: {why}"
            hypothesis = self.hypothesis
        else:
            desc = f"{shown}: the likelihood does not depend on {'it' if len(held) == 1 else 'them'}; {why}"
            hypothesis = "Parameters the likelihood does not depend on make the information matrix singular"
        change = Change(self.name, self.root_cause, hypothesis, desc, dict(ctx.config),
                        {**ctx.data_repairs, "fix": {**fixed, **held}},
                        "# Before: " + ", ".join(f"`{p}`" for p in held) + " estimated freely",
                        "# After: " + ", ".join(f"theta[`{p}`] = {v:g}" for p, v in held.items())
                        + " (not estimated); the user's code is unchanged\n" + f"fix = {held}")
        return change
