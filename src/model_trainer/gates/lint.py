"""The seed's four anti-patterns, found in a workspace's records.

- silent failure: a failed or red-flagged run, or a changed configuration, that no diary entry covers;
- magic number: a final hyperparameter changed from the spec with no recorded reason (a diary fix or
  the search log's selected configuration);
- hiding failures: failed runs exist but the diary shows only successes;
- no physical connection: metrics reported without units or scale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model_trainer.records.diary import read_entries
from model_trainer.records.load import load_run


@dataclass
class Problem:
    pattern: str
    message: str


def _spec(root: Path) -> Any:
    from model_trainer.spec import load_spec

    manifest = root / "results/model_final.manifest.json"
    candidates = []
    if manifest.exists():
        path = json.loads(manifest.read_text()).get("spec")
        if path:
            candidates.append(Path(path))
    candidates += sorted(root.glob("*.toml"))
    for c in candidates:
        if c.exists():
            try:
                return load_spec(c)
            except Exception:  # noqa: BLE001 - a spec that no longer loads is just not used here
                continue
    return None


def lint(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    entries = read_entries(root / "dev_diary.json")
    cited = {r for e in entries for r in e.get("run_ids", [])} | {t["run_id"] for e in entries for t in e["tests"]
                                                                  if t.get("run_id")}
    runs = [load_run(d) for d in sorted((root / "results/runs").glob("*")) if (d / "outcome.json").exists()]
    search_md = root / "results/hyperparameter_search.md"
    search_ids = search_md.read_text() if search_md.exists() else ""
    table = root / "results/hyperparameter_search.csv"
    search_ids += table.read_text() if table.exists() else ""
    failed = [r for r in runs if not r.ok or (r.stop_reason.startswith("red flag"))]
    for r in failed:
        if r.run_id not in cited and r.run_id not in search_ids:
            why = f" ({r.stop_reason})" if r.stop_reason else ""
            problems.append(Problem("silent_failure", f"run {r.run_id} ended '{r.status}'{why} and no diary entry "
                                    "cites it"))
    spec = _spec(root)
    manifest = root / "results/model_final.manifest.json"
    if manifest.exists() and spec is not None:
        m = json.loads(manifest.read_text())
        final = {**m.get("config", {}), **{k: v for k, v in m.get("data_repairs", {}).items() if v}}
        fixes = [e["fix"]["config_after"] for e in entries if e.get("fix")]
        for key, value in final.items():
            if spec.config.get(key) == value:
                continue
            explained = any(f.get(key) == value for f in fixes) or (f"{key} = " in search_ids)
            if not explained:
                problems.append(Problem("magic_number", f"final {key} = {value!r} differs from the spec's "
                                        f"{spec.config.get(key)!r} and no diary fix or search log gives its reason"))
        if final != {**spec.config} and not fixes and not search_ids:
            problems.append(Problem("silent_failure", "the published configuration differs from the spec's [config] "
                                    "and no diary entry explains the change"))
    # a failed run an entry names as its red flag (What Happened) is shown, not hidden, even when a first test fixed it
    shown = {r.run_id for r in failed if any(f"`{r.run_id}`" in e.get("what_happened", "") for e in entries)}
    if failed and entries and all(e["status"] == "resolved" for e in entries) and \
            not any(t["passed"] is False for e in entries for t in e["tests"]) and not search_ids and \
            any(r.run_id not in shown for r in failed):
        problems.append(Problem("hiding_failures", f"{len(failed)} run(s) failed but the diary records no failed test"))
    units = spec.domain.target_units if spec is not None else None
    md = (root / "dev_diary.md").read_text() if (root / "dev_diary.md").exists() else ""
    if entries and not units:
        problems.append(Problem("no_physical_connection", "metrics are reported without units: set "
                                "[domain] target_units (and description) in the spec"))
    elif entries and units and units not in md and any(e["status"] == "resolved" for e in entries):
        problems.append(Problem("no_physical_connection", f"the diary never states a metric in {units}"))
    return problems
