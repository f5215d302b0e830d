"""A training function whose [config] names its knobs its own way (``learning_rate``, ``n_epochs``): the tool turns
them under those names, end to end."""

from __future__ import annotations

import json

from conftest import LINEAR_GD, cli

OWN_NAMES = LINEAR_GD.replace('config["epochs"]', 'config["n_epochs"]').replace('config["lr"]',
                                                                                'config["learning_rate"]')


def test_a_divergence_is_repaired_under_the_configs_own_name_for_the_learning_rate(project):
    p = project(OWN_NAMES, config="learning_rate = 5.0\nn_epochs = 60\n")
    r = cli("train", str(p.spec), "--out", str(p.root / "ws"))
    assert r.returncode == 0, r.stdout + r.stderr
    entry = json.loads((p.root / "ws/dev_diary.json").read_text())[0]
    after = entry["fix"]["config_after"]
    assert after["learning_rate"] < 5.0 and after["n_epochs"] == 60 and "lr" not in after
    assert entry["root_cause"] == "learning_rate_too_high"
    assert "learning_rate 5 ->" in (p.root / "ws/dev_diary.md").read_text()
