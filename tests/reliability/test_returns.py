"""A user function that returns nothing usable is a documented failure (exit 1), never a success."""

from __future__ import annotations

import pytest
from _faults import MODEL, diary, history, outcome, the_run

from conftest import cli

LOGS = """
def _epochs(monitor):
    for i in range(3):
        monitor.log_epoch(train_loss=1.0 / (i + 1), val_loss=1.0 / (i + 1))
"""

CASES = {
    "returns_none": ("def train_model(data_train, data_val, config, monitor):\n    _epochs(monitor)\n    return None\n",
                     "train_model returned None instead of the trained model"),
    "logs_no_epoch": ("def train_model(data_train, data_val, config, monitor):\n    return Mean()\n",
                      "train_model logged no epoch: call monitor.log_epoch"),
    "empty_history": ("def train_model(data_train, data_val):\n    return Mean(), {'loss': []}\n",
                      "train_model logged no epoch and returned no history"),
    "unpicklable": ("def train_model(data_train, data_val, config, monitor):\n    _epochs(monitor)\n"
                    "    m = Mean()\n    m.scale = lambda x: 2 * x\n    return m\n",
                    "the trained model (Mean) cannot be pickled, so it cannot be saved"),
    "no_predict": ("def train_model(data_train, data_val, config, monitor):\n    _epochs(monitor)\n"
                   "    return {'w': [1.0, 2.0]}\n",
                   "the model train_model returned (dict) has no predict() method"),
    "two_arg_returns_model_only": ("def train_model(data_train, data_val):\n    return Mean()\n",
                                   "train_model must return (model, history); it returned a Mean"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_unusable_return_is_a_documented_failure(project, case):
    body, message = CASES[case]
    p = project(MODEL + LOGS + body)
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    run = the_run(p.root)
    o = outcome(run)
    assert o["status"] == "failed" and o["error"]["exc_type"] == "ContractViolation"
    assert message in o["error"]["message"]
    assert not (run / "model.pkl").exists() and not (p.root / "results/model_final.pkl").exists()
    (entry,) = diary(p.root)
    assert entry["status"] == "unresolved" and entry["root_cause"] == "code_error"
    assert message in entry["error_message"] and message in p.text("dev_diary.md")
    assert f"ERROR: run {o['run_id']}: " in p.text("training_full.log")
    if case in ("returns_none", "unpicklable", "no_predict"):
        assert len(history(run)) == 3  # what was logged is kept with the failed run
