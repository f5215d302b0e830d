"""Every number in the diary and the search log must be found in a recorded run's files.

The corpus is every file under ``results/runs/`` (configs, histories, outcomes, diagnostics), the
data report, the thresholds, the search importances, the spec and the model manifest. A number in
the markdown matches a corpus number when they agree at the precision the markdown shows. Left out,
because they are not measurements: entry and test numbers, dates and times, run ids, and derived
percentages and ratios (``46%``, ``34.1x``), which are computed from numbers that are checked.

Example:
    >>> numbers_in("rmse 4.2000 after 30 epochs, 46% of baseline, 34.1x more, run `20261126-070839-01-train`")
    [('4.2000', 4.2), ('30', 30.0)]
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

_NUM = re.compile(r"(?<![\w.#-])[-+]?(?:\d+\.\d+|\d+)(?:e[-+]?\d+)?(?![\w.]*[%x×])(?!\.\d)", re.I)
_SKIP = [re.compile(p) for p in (
    r"`\d{8}-\d{6}-[^`]*`",                 # run ids
    r"\d{8}-\d{6}-\d+-[\w.-]+",             # run ids outside backticks
    r"\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?",  # dates and times
    r"Entry #\d+|diary #\d+|#\d+",           # entry numbers
    r"\*\*Test \d+\*\*|Test \d+",            # test numbers
    r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?\s*(%|x\b|×)",  # derived percentages and ratios
    r"!\[[^\]]*\]\([^)]*\)",                 # image links
    r"±\d+%",
    r"Phase \d+\w*",
)]


def numbers_in(text: str) -> list[tuple[str, float]]:
    for pat in _SKIP:
        text = pat.sub(" ", text)
    out = []
    for m in _NUM.finditer(text):
        tok = m.group(0)
        try:
            out.append((tok, float(tok)))
        except ValueError:
            continue
    return out


def corpus_numbers(root: Path) -> list[float]:
    files = list((root / "results/runs").rglob("*"))
    files += [root / "results" / n for n in ("data_report.json", "thresholds.json", "budget.json",
                                                  "model_final.manifest.json")]
    files += list((root / "results/search").glob("*.json"))
    manifest = root / "results/model_final.manifest.json"
    if manifest.exists():
        spec = json.loads(manifest.read_text()).get("spec")
        if spec and Path(spec).exists():
            files.append(Path(spec))
    files += list(root.glob("*.toml"))
    values: set[float] = set()
    for f in files:
        if not f.is_file() or f.suffix not in (".json", ".csv", ".toml", ".log", ".txt"):
            continue
        for _, v in numbers_in(f.read_text(encoding="utf-8", errors="replace")):
            values.add(v)
        # numbers as the tool prints them: tracebacks' line numbers, "lr 0.001" and the like are raw tokens
        for tok in re.findall(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?", f.read_text(errors="replace"), re.I):
            try:
                values.add(float(tok))
            except ValueError:
                pass
    return sorted(values)


def _matches(token: str, value: float, corpus: list[float]) -> bool:
    if value in (0.0, 1.0):
        return True
    t = token.lower().lstrip("+-")
    if "e" in t:
        mant = t.split("e")[0]
        decimals = len(mant.split(".")[1]) if "." in mant else 0
        tol = 0.5 * 10 ** (-decimals) * 10 ** math.floor(math.log10(abs(value))) * 1.0001
    else:
        decimals = len(t.split(".")[1]) if "." in t else 0
        tol = 0.5 * 10 ** (-decimals) * 1.0001
        if decimals == 0:
            tol = max(tol, 0.5)
    # "%.3g"-style output: allow the relative precision that the shown digits carry
    digits = len(re.sub(r"[^0-9]", "", t.split("e")[0]).lstrip("0")) or 1
    rel = 0.5 * 10 ** (1 - digits) * 1.0001
    import bisect

    i = bisect.bisect_left(corpus, value - max(tol, abs(value) * rel))
    while i < len(corpus) and corpus[i] <= value + max(tol, abs(value) * rel):
        c = corpus[i]
        if abs(c - value) <= tol or (abs(value) > 0 and abs(c - value) / abs(value) <= rel):
            return True
        i += 1
    return False


def untraced(md_path: Path, corpus: list[float]) -> list[tuple[int, str]]:
    """(line number, number) for every number of a markdown file found in no recorded file."""
    if not md_path.exists():
        return []
    bad = []
    for lineno, line in enumerate(md_path.read_text(encoding="utf-8").splitlines(), 1):
        for tok, v in numbers_in(line):
            if not _matches(tok, v, corpus):
                bad.append((lineno, tok))
    return bad
