"""Repairs propose exactly one change, only where it applies, and say when a knob is missing."""

from __future__ import annotations

import pandas as pd
import pytest

from model_trainer.detect.base import Facts, Finding
from model_trainer.probes.data_report import data_report
from model_trainer.repairs import REPAIRS, Context, plan
from model_trainer.repairs.clip_gradients import ClipGradients
from model_trainer.repairs.lower_lr import LowerLR


def ctx(config: dict, symptom: str = "nan_loss", knobs: set | None = None, data=None, **meas) -> Context:
    return Context(config=config, data_repairs={}, finding=Finding(symptom, 3, "x"), facts=Facts(data=data),
                   knobs=set(config) if knobs is None else knobs, measurements=meas)


def test_lower_lr_changes_only_lr():
    change = REPAIRS["lower_lr"].propose(ctx({"lr": 0.1, "epochs": 30}))
    assert change.config_after == {"lr": 0.01, "epochs": 30} and change.description == "lr 0.1 -> 0.01"
    assert "lr = 0.1" in change.code_before and "lr = 0.01" in change.code_after


def test_missing_knob_is_reported_not_invented():
    change = REPAIRS["clip_gradients"].propose(ctx({"lr": 0.1}))
    assert change.missing_key == "clip_grad_norm"


def test_clip_root_cause_follows_the_gradient_measurement():
    base = {"lr": 0.1, "clip_grad_norm": 0.0}
    assert REPAIRS["clip_gradients"].propose(ctx(base, gradient_heterogeneity=True)).root_cause == \
        "gradient_heterogeneity"
    assert REPAIRS["clip_gradients"].propose(ctx(base)).root_cause == "learning_rate_too_high"


def test_standardize_only_with_evidence():
    wide = pd.DataFrame({"a": [1.0, 2000.0, 3000.0, 40.0], "b": [0.1, 0.2, 0.3, 0.4], "y": [1.0, 2, 3, 4]})
    narrow = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [0.5, 0.2, 0.3, 0.4], "y": [1.0, 2, 3, 4]})
    for frame, expected in ((wide, True), (narrow, False)):
        rep = data_report(frame, frame, ["a", "b"], "y")
        change = REPAIRS["standardize"].propose(ctx({"lr": 0.1}, data=rep))
        assert (change is not None) is expected
    change = REPAIRS["standardize"].propose(ctx({"lr": 0.1}, data=data_report(wide, wide, ["a", "b"], "y")))
    assert change.data_after == {"standardize": True} and change.config_after == {"lr": 0.1}


def test_argument_checks_quote_the_bad_value():
    with pytest.raises(ValueError, match=r"1\.5"):
        LowerLR(factor=1.5)
    with pytest.raises(ValueError, match="-1"):
        ClipGradients(max_norm=-1)


def test_dying_from_epoch_one_tries_initialisation_first():
    assert plan("dying_relu", 1)[0].name == "kaiming_init"
    assert plan("dying_relu", 7)[0].name == "lower_lr"


def test_every_planned_repair_exists_and_answers_its_symptom():
    from model_trainer.causes import CAUSES
    from model_trainer.detect import DESCRIPTORS

    for symptom, d in DESCRIPTORS.items():
        for name in d.repairs:
            assert symptom in REPAIRS[name].symptoms, (symptom, name)
        assert all(c in CAUSES or c == "unknown" for c in d.causes), symptom
