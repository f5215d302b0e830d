"""Bad input: a clear message naming file/key/line, exit 2, and nothing on disk changed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import LINEAR_GD, cli, make_project


@pytest.fixture
def proj(tmp_path: Path):
    p = make_project(tmp_path, LINEAR_GD, config="lr = 0.1\nepochs = 5\n")
    (tmp_path / "dev_diary.md").write_text("# Dev Diary\n\n## Dev Diary Entry #1\n\nkept as is\n")
    return p


def _bad(proj, *args: str) -> str:
    before = proj.snapshot()
    res = cli("train", *args)
    assert res.returncode == 2, res.stdout + res.stderr
    assert proj.snapshot() == before, "bad input must not change anything on disk"
    assert "Traceback" not in res.stderr
    return res.stderr


def test_spec_missing(proj):
    err = _bad(proj, str(proj.root / "nope.toml"))
    assert "nope.toml" in err and "not found" in err


def test_spec_not_toml(proj):
    proj.spec.write_text("[model\nentrypoint = 'x'\n")
    err = _bad(proj, str(proj.spec))
    assert "spec.toml" in err and "not valid TOML" in err and "line 1" in err


def test_unknown_key_did_you_mean(proj):
    proj.spec.write_text(proj.text("spec.toml").replace("entrypoint =", "entrypont =", 1))
    err = _bad(proj, str(proj.spec))
    assert "unknown key `model.entrypont`" in err and "did you mean `entrypoint`" in err and "line 2" in err


def test_unknown_section_did_you_mean(proj):
    proj.spec.write_text(proj.text("spec.toml") + "\n[budgett]\nmax_attempts = 2\n")
    err = _bad(proj, str(proj.spec))
    assert "`budgett`" in err and "did you mean `budget`" in err


def test_mistyped_value(tmp_path: Path):
    # a value the built-in torch loop applies itself is checked; in function mode it belongs to the user's code
    p = make_project(tmp_path, "def build_model(config, n):\n    pass\n", entry="code/model.py:build_model",
                     kind="torch", config='lr = "fast"\n')
    err = _bad(p, str(p.spec))
    assert "`lr` must be a positive number" in err and "'fast'" in err and "line" in err


def test_bad_duration(proj):
    proj.spec.write_text(proj.text("spec.toml") + '\n[budget]\ntime_limit = "soon"\n')
    err = _bad(proj, str(proj.spec))
    assert "budget.time_limit" in err and "soon" in err


def test_csv_missing(proj):
    (proj.root / "data/val.csv").unlink()
    err = _bad(proj, str(proj.spec))
    assert "val.csv" in err and "not found" in err and "data.val" in err


def test_csv_empty(proj):
    (proj.root / "data/train.csv").write_text("")
    err = _bad(proj, str(proj.spec))
    assert "train.csv" in err and "empty" in err


def test_csv_header_only(proj):
    (proj.root / "data/train.csv").write_text("x0,x1,x2,y\n")
    err = _bad(proj, str(proj.spec))
    assert "no data rows" in err


def test_non_numeric_feature(proj):
    path = proj.root / "data/train.csv"
    lines = path.read_text().splitlines()
    head = lines[0].split(",")
    cells = lines[3].split(",")
    cells[1] = "abc"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    err = _bad(proj, str(proj.spec))
    assert f"column `{head[1]}` is not numeric" in err and "line 4" in err and "'abc'" in err


def test_class_labels_as_words_ask_for_integer_codes(proj):
    for name in ("train", "val"):
        path = proj.root / f"data/{name}.csv"
        frame = pd.read_csv(path)
        frame["y"] = np.where(frame["y"] > frame["y"].median(), "high", "low")
        frame.to_csv(path, index=False)
    err = _bad(proj, str(proj.spec))
    assert "column `y` is not numeric" in err and "integers 0, 1" in err and "high, low" in err
    assert "ignore_columns" not in err  # ignoring the target is no advice


def test_target_absent(proj):
    proj.spec.write_text(proj.text("spec.toml").replace('target = "y"', 'target = "cases"'))
    err = _bad(proj, str(proj.spec))
    assert "target column `cases`" in err and "train.csv" in err


def test_entrypoint_file_missing(proj):
    proj.spec.write_text(proj.text("spec.toml").replace("code/model.py", "code/modle.py"))
    err = _bad(proj, str(proj.spec))
    assert "code/modle.py" in err and "not found" in err


def test_entrypoint_function_missing(proj):
    proj.spec.write_text(proj.text("spec.toml").replace(":train_model", ":train_modle"))
    err = _bad(proj, str(proj.spec))
    assert "train_modle" in err and "did you mean `train_model`" in err


def test_syntax_error_in_user_module(proj):
    (proj.root / "code/model.py").write_text("def train_model(a, b):\n    return (a,\n\nx = 1\n")
    err = _bad(proj, str(proj.spec))
    assert "model.py" in err and "syntax error" in err and "line" in err


def test_unknown_torch_knob_is_a_warning(tmp_path: Path):
    from model_trainer.spec import config_warnings, load_spec

    p = make_project(tmp_path, "def build_model(config, n):\n    pass\n", entry="code/model.py:build_model",
                     kind="torch", config="lr = 0.1\nlearning_rate = 0.1\ninit = \"negative_bias\"\n")
    spec = load_spec(p.spec)  # passed on to build_model, not refused (CONTRACT §4)
    warns = config_warnings(spec)
    assert len(warns) == 1 and "config.learning_rate" in warns[0] and "did you mean `lr`" in warns[0]


def test_corrupt_diary_json_is_not_overwritten(proj):
    (proj.root / "dev_diary.json").write_text("{not json")
    err = _bad(proj, str(proj.spec))
    assert "dev_diary.json" in err


REGION_MODEL = """
import numpy as np
import pandas as pd


class RegionRidge:
    '''A least-squares fit on x0 and one indicator per region, read from the frame it is given.'''

    def __init__(self):
        self.regions, self.coef = None, None

    def _design(self, frame):
        if self.regions is None:
            self.regions = sorted(frame["region"].unique())
        dummies = [(frame["region"] == r).to_numpy(dtype=float) for r in self.regions]
        return np.column_stack([frame["x0"].to_numpy(dtype=float), *dummies])

    def fit(self, frame, y):
        self.coef = np.linalg.lstsq(self._design(frame), np.asarray(y, dtype=float), rcond=None)[0]
        return self

    def predict(self, frame):
        return self._design(frame) @ self.coef


def train_model(data_train, data_val, config):
    model = RegionRidge().fit(data_train, data_train["y"])
    err = float(np.sqrt(np.mean((model.predict(data_val) - data_val["y"]) ** 2)))
    return model, {"train_loss": [0.0], "val_loss": [err ** 2], "val_rmse": [err]}
"""


def test_a_column_of_words_reaches_a_functions_code_and_its_model(tmp_path):
    """Function mode: a date and a region's name are the user's to encode; the checks and the references leave
    them out, and the accepted model is scored and reloaded with them."""
    from model_trainer import load_model

    rng = np.random.default_rng(0)
    n = 400
    region = rng.choice(["north", "south", "coast"], n)
    x0 = rng.normal(size=n)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="D").astype(str), "region": region,
                          "x0": x0, "y": 2 * x0 + np.where(region == "north", 3.0, 0.0) + rng.normal(0, 0.3, n)})
    p = make_project(tmp_path, REGION_MODEL, data=frame)
    res = cli("train", str(p.spec), "--out", str(tmp_path / "ws"))
    assert res.returncode == 0, res.stdout + res.stderr
    log = (tmp_path / "ws/training_full.log").read_text()
    assert "WARNING: data: column(s) `date`, `region` hold values that are not numbers" in log
    assert "metric_own=" in log  # the tool scored the model's own predictions, region and all
    # the references read the region too (one indicator per value; the date has too many values to say anything)
    refs = json.loads((tmp_path / "ws/results/data_report.json").read_text())["references"]
    assert refs["linear"] < 0.5, refs
    val = pd.read_csv(p.root / "data/val.csv")
    pred = load_model(tmp_path / "ws/results/model_final.pkl", allow_pickle=True).predict(val)
    assert float(np.sqrt(np.mean((pred - val["y"]) ** 2))) < 0.5


def test_a_column_of_words_is_refused_where_the_tool_trains_the_model(tmp_path):
    frame = pd.DataFrame({"region": ["a", "b"] * 40, "x0": np.arange(80.0), "y": np.arange(80.0) * 2})
    p = make_project(tmp_path, "import torch\n\ndef build_model(config, n_features):\n"
                     "    return torch.nn.Linear(n_features, 1)\n", data=frame, kind="torch",
                     entry="code/model.py:build_model")
    res = cli("train", str(p.spec), "--out", str(tmp_path / "ws"))
    assert res.returncode == 2 and "column `region` is not numeric" in res.stdout + res.stderr
