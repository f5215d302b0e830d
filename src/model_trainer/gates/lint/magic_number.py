"""Anti-pattern 2, magic numbers: a tuned value stated without why it works or which test showed it.

In prose: a hyperparameter set to a value with three or more significant digits, or two that are not a
half-step (``learning_rate=0.00237``, ``lr to 0.037``) where neither the line nor the next gives a reason
("because", "balances", "due to", ...) or cites a recorded run or test. Counts (epochs, units, batch sizes)
and round values (0.01, 0.25, 1e-3) are not magic. In the records: a final hyperparameter that differs from
the spec's with no diary fix or search log giving its reason.

Example:
    >>> from pathlib import Path
    >>> from model_trainer.records.diary_parse import parse_text
    >>> ctx = Context(Path("."), parse_text("I set learning_rate=0.00237 and it worked."))
    >>> [p.pattern for p in MagicNumber().prose(ctx)]
    ['magic_number']
"""

from __future__ import annotations

import json
import re

from model_trainer.gates.lint.base import Context, Problem, prose_lines, words

# an identifier set to a decimal: "lr=0.00237", "learning rate of 0.0237", "set alpha to 3.7e-4"
_SET = re.compile(r"(?P<name>[A-Za-zα-ωΑ-Ω_][\w.]*(?:\s+rate)?)\s*(?:=|\bto\b|\bof\b)\s*"
                  r"(?P<value>[-+]?\d*\.\d+(?:e[-+]?\d+)?|[-+]?\d+e[-+]?\d+)(?![\w.])", re.I)
_REASON = words(r"because", r"since", r"balanc(?:es|ing|e)", r"due to", r"so that", r"chosen", r"selected",
                r"search", r"test(?:ed)?", r"validated", r"trial", r"bound", r"lipschitz", r"stability",
                r"justif(?:y|ies|ied)", r"derived", r"from the", r"run")
# a measured or fitted value is a result, not a setting
_MEASURED = re.compile(r"loss|rmse|mae|mse|error|accuracy|likelihood|metric|r2|auc|aic|bic|estimat|fitted|found|"
                       r"measured|converged to|reached|norm|grad|std|mean|median|ratio|value|received", re.I)
# "X of 0.0237" / "X to 0.0237" is a setting only for a knob's name or after a verb that sets something;
# "X=0.0237" is always an assignment
_KNOB = re.compile(r"(?:lr|learning[ _]rate|rate|alpha|lambda|λ|α|weight[ _]decay|momentum|dropout|beta\d?|"
                   r"gamma|eps(?:ilon)?|clip\w*|threshold|tol(?:erance)?|penalty|decay|temperature)", re.I)
_SETTING_VERB = words(r"set", r"sets", r"setting", r"use[ds]?", r"using", r"chose", r"pick(?:ed)?", r"tuned?",
                      r"changed?", r"switched", r"lowered", r"raised", r"reduced", r"increased")
_RUN_ID = re.compile(r"\d{8}-\d{6}-\d+-")


def is_magic(value: str) -> bool:
    mantissa = value.lower().lstrip("+-").split("e")[0]
    digits = mantissa.replace(".", "").lstrip("0").rstrip("0")
    return len(digits) >= 3 or (len(digits) == 2 and not digits.endswith("5"))


class MagicNumber:
    pattern = "magic_number"

    def prose(self, ctx: Context) -> list[Problem]:
        if ctx.diary is None:
            return []
        out = []
        for block in ctx.diary.blocks():
            lines = prose_lines(block)
            for i, (n, text) in enumerate(lines):
                bad = [m for m in _SET.finditer(text) if is_magic(m.group("value"))
                       and not _MEASURED.search(m.group("name"))
                       and ("=" in m.group(0) or _KNOB.search(m.group("name")) or _SETTING_VERB.search(text))]
                if _MEASURED.search(text.split("=")[0]) and "set" not in text.lower():
                    continue
                if not bad:
                    continue
                context = text + " " + (lines[i + 1][1] if i + 1 < len(lines) else "")
                if _REASON.search(context) or _RUN_ID.search(context) or "→" in text:
                    continue
                m = bad[0]
                out.append(Problem(self.pattern, f"{m.group('name').strip()} = {m.group('value')} is stated with "
                                   "no reason and no test", ctx.diary_name, n, text))
        return out

    def records(self, ctx: Context) -> list[Problem]:
        manifest = ctx.root / "results/model_final.manifest.json"
        if not manifest.exists() or ctx.spec is None:
            return []
        m = json.loads(manifest.read_text())
        final = {**m.get("config", {}), **{k: v for k, v in m.get("data_repairs", {}).items() if v}}
        fixes = [e["fix"]["config_after"] for e in ctx.entries if e.get("fix")]
        out = []
        for key, value in final.items():
            if ctx.spec.config.get(key) == value:
                continue
            if not (any(f.get(key) == value for f in fixes) or f"{key} = " in ctx.search_log):
                out.append(Problem(self.pattern, f"final {key} = {value!r} differs from the spec's "
                                   f"{ctx.spec.config.get(key)!r} and no diary fix or search log gives its reason",
                                   "results/model_final.manifest.json"))
        return out
