"""The fit's table for the paper, written from the run's recorded diagnostics (never recomputed here):
``estimates.csv`` and ``estimates.md`` with estimate, standard error, 95% interval (the method is stated),
relative SE and bound flags, then NLL, AIC, BIC and the number of observations.

Example:
    >>> table = {"interval": "Wald 95%", "rows": [{"parameter": "a", "estimate": 2.0, "se": 0.5, "ci_low": 1.02,
    ...          "ci_high": 2.98, "relative_se": 0.25, "at_bound": None, "lower": None, "upper": None}],
    ...          "nll": 10.0, "aic": 22.0, "bic": 23.9, "n_obs": 50, "n_params": 1}
    >>> markdown(table).splitlines()[2]
    '| `a` | 2.0000 | 0.5000 | [1.0200, 2.9800] | 0.2500 |  |'
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from model_trainer.records.atomic import atomic_write_text
from model_trainer.records.fmt import num

COLUMNS = ("parameter", "estimate", "se", "ci_low", "ci_high", "relative_se", "at_bound", "lower", "upper")


def _n(v: Any) -> str:
    return "" if v is None else num(float(v))


def to_csv(table: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in table["rows"]:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
    return buf.getvalue()


def markdown(table: dict[str, Any], findings: list[str] | None = None) -> str:
    lines = ["| Parameter | Estimate | SE | 95% interval | SE / estimate | Note |", "|---|---|---|---|---|---|"]
    for r in table["rows"]:
        ci = f"[{_n(r['ci_low'])}, {_n(r['ci_high'])}]" if r.get("ci_low") is not None else "n/a"
        note = f"at its {r['at_bound']} bound {r[r['at_bound']]:g}" if r.get("at_bound") else ""
        lines.append(f"| `{r['parameter']}` | {_n(r['estimate'])} | {_n(r['se']) or 'n/a'} | {ci} | "
                     f"{_n(r['relative_se']) or 'n/a'} | {note} |")
    lines += ["", f"Intervals: {table['interval']}. An estimate at a bound is a constrained optimum: its SE and "
              "interval do not hold." if any(r.get("at_bound") for r in table["rows"]) else
              f"Intervals: {table['interval']}.",
              "", f"NLL {_n(table['nll'])}, AIC {_n(table['aic'])}, BIC {_n(table['bic'])}; "
              f"{table['n_obs']} observations, {table['n_params']} free parameters."]
    if findings:
        lines += ["", "Findings:"] + [f"- {f}" for f in findings]
    return "\n".join(lines) + "\n"


def write_estimates(folder: Path, diagnostics: dict[str, Any]) -> list[Path]:
    """Write the two files into ``folder`` when the run recorded an estimates table; returns the paths."""
    table = (diagnostics or {}).get("estimates_table")
    if not table:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = folder / "estimates.csv", folder / "estimates.md"
    atomic_write_text(csv_path, to_csv(table))
    atomic_write_text(md_path, markdown(table, diagnostics.get("findings")))
    return [csv_path, md_path]
