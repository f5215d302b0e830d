"""Hold one parameter of a non-identifiable pair fixed (at 0 it is dropped), so the other carries what both did.

The value is justified by the fit itself: ``kinds/mle.py`` refits with each member of the flagged pair held at
0 and at 1 (the others re-optimised) and records the NLL change; a value is offered only when the NLL rises by
less than chi2(1, 0.95)/2 = 1.92, i.e. the data do not tell it from the estimate. The user's code is unchanged:
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
        options = [c for c in d.get("fix_candidates") or [] if c["parameter"] not in fixed
                   and c["delta_nll"] < T.MLE_PROFILE_DELTA]
        if not options:
            return None
        # changes far below the 95% line are all "no evidence": among those, dropping (0) before fixing at 1
        best = min(options, key=lambda c: (c["delta_nll"] >= T.MLE_PROFILE_DELTA / 100, c["value"] != 0,
                                           c["delta_nll"]))
        p, v = best["parameter"], best["value"]
        partner = best.get("partner")
        how = "drop" if v == 0 else "fix"
        desc = (f"{how} `{p}` ({'held at 0' if v == 0 else f'held at {v:g}'}"
                + (f"; `{partner}` carries the combination" if partner else "")
                + f"): with `{p}` held there and the rest re-optimised the NLL rises by only {best['delta_nll']:.3g}"
                f" (< {T.MLE_PROFILE_DELTA}), so the data do not set its value")
        return Change(self.name, self.root_cause, self.hypothesis, desc, dict(ctx.config),
                      {**ctx.data_repairs, "fix": {**fixed, p: v}},
                      f"# Before: `{p}` estimated freely with `{partner or 'its partner'}`",
                      f"# After: theta[`{p}`] = {v:g} (not estimated); the user's code is unchanged\n"
                      f"fix = {{{p!r}: {v:g}}}")
