"""The consistency gate on a real workspace: every alteration of the diary's claims fails it, the original passes.

The workspace comes from ``model-trainer train`` on a tiny faulty project (unscaled features: gradients explode,
standardising repairs it); each test alters one claim of a copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import cli, copy_workspace


@pytest.fixture
def workspace(repaired_workspace: Path) -> Path:
    return repaired_workspace


copy = copy_workspace


def gates(root: Path) -> tuple[int, dict, str]:
    res = cli("gates", str(root))
    assert "Traceback" not in res.stderr, res.stderr
    return res.returncode, json.loads((root / "quality_gates.json").read_text()), res.stdout


def alter(root: Path, old: str, new: str, *, regex: bool = False) -> None:
    md = root / "dev_diary.md"
    text = md.read_text()
    altered = re.sub(old, new, text, count=1) if regex else text.replace(old, new, 1)
    assert altered != text, f"{old!r} not found in the diary"
    md.write_text(altered)


def consistency_failures(root: Path) -> list[str]:
    code, report, out = gates(root)
    assert code == 1, out
    assert "FAIL consistency" in out
    return report["gates"]["consistency"]["failures"]


def test_the_unaltered_workspace_passes_and_every_gate_says_why(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    code, report, out = gates(root)
    assert code == 0, out
    lines = out.strip().splitlines()
    assert len(lines) == len(report["gates"])
    for line in lines:
        state, rest = line.split(" ", 1)
        assert state in ("PASS", "SKIP") and ": " in rest and len(rest.split(": ", 1)[1]) > 10, line
    assert re.search(r"PASS completeness: model, history \(\d+ rows, run \S+\), \d+ run\(s\) with outcomes", out)
    assert "PASS consistency: 1 entry checked against dev_diary.json" in out


def test_an_altered_status_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    alter(root, "**Status**: ✅ RESOLVED", "**Status**: ❌ UNRESOLVED")
    fails = consistency_failures(root)
    assert any("the diary says unresolved, dev_diary.json says resolved" in f for f in fails), fails


def test_an_altered_root_cause_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    alter(root, "**Root cause**: `unscaled_features`", "**Root cause**: `learning_rate_too_high`")
    fails = consistency_failures(root)
    assert any("root cause `learning_rate_too_high` in the diary, `unscaled_features` in dev_diary.json" in f
               for f in fails), fails


def test_a_why_that_contradicts_the_headers_root_cause_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    alter(root, r"(\*\*Root Cause\*\*:\n)(.+)", r"\1Not established: the red flag stayed.", regex=True)
    fails = consistency_failures(root)
    assert any("the header names root cause `unscaled_features` but the Why says it was not established" in f
               for f in fails), fails


def test_a_refuted_hypothesis_stated_as_root_cause_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    alter(root, "**Root cause**: `unscaled_features`", "**Root cause**: `learning_rate_too_high`")
    js = root / "dev_diary.json"
    entries = json.loads(js.read_text())
    entries[0]["root_cause"] = "learning_rate_too_high"
    entries[0]["hypotheses"] = [{"cause": "learning_rate_too_high", "status": "refuted", "evidence": [1]},
                                {"cause": "unscaled_features", "status": "confirmed", "evidence": [4]}]
    js.write_text(json.dumps(entries))
    fails = consistency_failures(root)
    assert any("`learning_rate_too_high` is a hypothesis its own tests refuted (tests 1)" in f for f in fails), fails


def test_an_altered_applied_claim_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    alter(root, r"(?s)### The Fix\n\n\*\*What I Did\*\*:\n```python\n.*?\n```\n",
          "### The Fix\n\nNo fix was applied: no test run confirmed a repair.\n", regex=True)
    md = (root / "dev_diary.md").read_text()
    assert "No fix was applied" in md and "**What I Did**" not in md
    fails = consistency_failures(root)
    assert any("marked resolved but its Fix section says no fix was applied" in f for f in fails), fails
    assert any("the diary says no fix was applied but dev_diary.json records one" in f for f in fails), fails


def test_an_altered_result_number_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    md = (root / "dev_diary.md").read_text()
    m = re.search(r"- rmse (\d+\.\d{4}) after (\d+) epochs", md)
    assert m, md
    forged = f"{float(m.group(1)) + 0.0123:.4f}"
    alter(root, m.group(0), f"- rmse {forged} after {m.group(2)} epochs")
    fails = consistency_failures(root)
    assert any(f"rmse {forged} is stated for run" in f for f in fails), fails
    assert any(f"the Result states {forged}" in f for f in fails), fails


def test_an_altered_epoch_count_and_test_mark_fail(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    m = re.search(r"- rmse \d+\.\d{4} after (\d+) epochs", (root / "dev_diary.md").read_text())
    assert m
    alter(root, f"after {m.group(1)} epochs", f"after {int(m.group(1)) + 20} epochs")
    # the first test that carries a mark (measurements carry none) gets the opposite one
    t = re.search(r"\*\*Test (\d+)\*\*.*\n- Hypothesis.*\n- Result: .*?(❌|✅)", (root / "dev_diary.md").read_text())
    assert t, "no test in the diary carries a ✅/❌ mark"
    n, mark = t.group(1), t.group(2)
    flipped = "✅" if mark == "❌" else "❌"
    alter(root, rf"(\*\*Test {n}\*\*.*\n- Hypothesis.*\n- Result: .*?){mark}", rf"\g<1>{flipped}", regex=True)
    fails = consistency_failures(root)
    assert any(f"{int(m.group(1)) + 20} epochs are stated for run" in f for f in fails), fails
    recorded = "failed" if mark == "❌" else "passed"
    assert any(f"test {n} is marked {flipped} but dev_diary.json records it as {recorded}" in f for f in fails), fails


def test_a_run_id_that_does_not_exist_fails(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    run = re.search(r"- Run: `(\d{8}-\d{6}-\d+-[\w.-]+)`", (root / "dev_diary.md").read_text()).group(1)
    alter(root, f"- Run: `{run}`", "- Run: `20990101-000000-01-made-up`")
    fails = consistency_failures(root)
    assert any("run 20990101-000000-01-made-up is cited but results/runs/ holds no such run" in f for f in fails)


def test_completeness_fails_a_missing_model_a_truncated_history_and_a_run_without_outcome(workspace, tmp_path):
    root = copy(workspace, tmp_path / "a")
    (root / "results/model_final.pkl").unlink()
    code, report, out = gates(root)
    assert code == 1 and "results/model_final.pkl is missing" in out
    root = copy(workspace, tmp_path / "b")
    hist = root / "results/training_history.csv"
    hist.write_text("\n".join(hist.read_text().splitlines()[:5]) + "\n")
    code, report, out = gates(root)
    assert code == 1
    assert any("is not the accepted run" in f and "(4 rows)" in f for f in report["gates"]["completeness"]["failures"])
    root = copy(workspace, tmp_path / "c")
    first = sorted((root / "results/runs").iterdir())[0]
    (first / "outcome.json").unlink()
    code, report, out = gates(root)
    assert code == 1 and f"run {first.name} has no outcome.json" in out


def test_accepted_json_hashes_are_checked(workspace, tmp_path):
    root = copy(workspace, tmp_path / "w")
    import hashlib

    run_id = json.loads((root / "results/model_final.manifest.json").read_text())["run_id"]
    files = {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest()
             for rel in ("results/model_final.pkl", "results/training_history.csv")}
    (root / "results/accepted.json").write_text(json.dumps({"run_id": run_id, "accepted_at": "2026-01-01T00:00:00Z",
                                                            "files": files}))
    assert gates(root)[0] == 0
    with open(root / "results/model_final.pkl", "ab") as f:
        f.write(b"\0")
    code, _report, out = gates(root)
    assert code == 1 and "results/model_final.pkl does not match the sha256" in out


def test_a_hand_written_diary_is_judged_on_its_prose(tmp_path):
    (tmp_path / "dev_diary.md").write_text(
        "# Dev Diary\n\n## Dev Diary Entry #1\n\n### The Struggle\n\nTraining diverged at epoch 50 (loss NaN).\n\n"
        "**Initial Hypothesis**:\nLearning rate too high.\n\n### The Investigation\n\n"
        "**Test 1**: lr 0.1 -> 0.01\n- Result: still diverged ❌\n\n### The Fix\n\n"
        "No fix was applied: nothing worked yet.\n\n### The Why (Physical Interpretation)\n\n"
        "**Domain Insight**:\nHub cities dominate the gradient.\n\n**Status**: ✅ RESOLVED\n", encoding="utf-8")
    code, report, out = gates(tmp_path)
    assert code == 1, out
    g = report["gates"]
    assert any("marked resolved but its Fix section says no fix was applied" in f
               for f in g["consistency"]["failures"])
    assert any("marked resolved but every test it reports failed" in f for f in g["consistency"]["failures"])
    assert g["traceability"]["state"] == "SKIP" and "no recorded runs" in g["traceability"]["reason"]
    assert g["o_award"]["passed"]
    assert "results/model_final.pkl is missing" in " ".join(g["completeness"]["failures"])


def test_free_prose_made_of_the_seeds_bad_examples_fails_o_award_and_anti_patterns(tmp_path):
    (tmp_path / "dev_diary.md").write_text("# Notes\n\nTraining succeeded after parameter tuning.\n"
                                           "I set learning_rate=0.00237 and it worked.\nLoss converged to 0.42\n")
    code, report, _out = gates(tmp_path)
    assert code == 1
    g = report["gates"]
    assert not g["o_award"]["passed"] and len(g["o_award"]["failures"]) == 2
    assert {"silent_failure", "magic_number", "hiding_failures", "no_physical_connection"} <= {
        f.split(": ")[1] for f in g["anti_patterns"]["failures"]}
    assert g["consistency"]["state"] == "SKIP"


def test_records_that_cite_no_failed_run_are_hiding_failures(workspace, tmp_path):
    from model_trainer.gates.lint import lint

    root = copy(workspace, tmp_path / "w")
    assert lint(root) == []
    js = root / "dev_diary.json"
    entries = json.loads(js.read_text())
    for e in entries:
        e["run_ids"] = [r for r in e["run_ids"] if "final" in r]
        e["tests"] = [{**t, "run_id": None, "passed": None if t["passed"] is False else t["passed"]}
                      for t in e["tests"]]
    js.write_text(json.dumps(entries))
    found = {p.pattern for p in lint(root)}
    assert {"hiding_failures", "silent_failure"} <= found, found


def test_corrupt_records_are_a_failed_gate_or_exit_2_never_a_traceback(workspace, tmp_path):
    root = copy(workspace, tmp_path / "a")
    first = sorted((root / "results/runs").iterdir())[0]
    (first / "outcome.json").write_text('{"run_id": "x", "stat')
    code, _report, out = gates(root)
    assert code == 1 and f"results/runs/{first.name}/outcome.json is unreadable" in out
    root = copy(workspace, tmp_path / "b")
    (root / "dev_diary.json").write_text('[1, {"id": 2}]')
    for command in ("gates", "lint"):
        res = cli(command, str(root))
        assert res.returncode == 2 and "dev_diary.json" in res.stderr and "entry 1" in res.stderr, res.stderr
        assert "Traceback" not in res.stderr
