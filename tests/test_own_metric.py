"""A model is judged on its own predictions on the validation file, not only on the score its code reports."""

from __future__ import annotations

import json

from conftest import LINEAR_GD, cli

# the code trains and scores on the target divided by 10 (another unit), so its own metric looks excellent while the
# model it returns predicts a tenth of the file's target
TENTH = LINEAR_GD.replace('frame["y"].to_numpy()', 'frame["y"].to_numpy() / 10.0')


def test_a_metric_the_code_computes_on_other_targets_is_caught_and_no_knob_is_tried(project):
    p = project(TENTH, config="lr = 0.1\nepochs = 60\n")
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 1, r.stdout + r.stderr
    verdict = json.loads((p.root / "ws/results/verdict.json").read_text())
    assert verdict["symptom"] == "underfitting" and verdict["cause"] in (None, "unknown")
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    tests = entry["tests"]
    scored = [t for t in tests if t["action"].startswith("Scored the returned model's predictions")]
    assert scored and "reported by the code" in scored[0]["result"]
    assert not [t for t in tests if t["kind"] == "intervention"]  # no knob reaches the code's own targets
    hyp = {h["cause"]: h["status"] for h in entry["hypotheses"]}
    assert hyp.get("label_corruption") == "open"


def test_a_healthy_function_model_records_its_own_score_and_is_accepted(project):
    p = project(LINEAR_GD, config="lr = 0.1\nepochs = 60\n")
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    log = (p.root / "ws/training_full.log").read_text()
    assert "metric_own=" in log
