"""The Keras 3 callback with the real framework (torch backend) on a tiny model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")

from conftest import cli, linear_data, make_project  # noqa: E402 - after the backend is chosen
from model_trainer.diagnose import diagnose  # noqa: E402
from model_trainer.integrations.keras import ModelTrainerCallback  # noqa: E402

FUNCTION_MODE = """
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras


def train_model(data_train, data_val, config, monitor):
    from model_trainer.integrations.keras import ModelTrainerCallback

    x, y = data_train.drop(columns=["y"]).to_numpy("float32"), data_train["y"].to_numpy("float32")
    xv, yv = data_val.drop(columns=["y"]).to_numpy("float32"), data_val["y"].to_numpy("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(8, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(config["lr"]), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    model.fit(x, y, validation_data=(xv, yv), epochs=config["epochs"], batch_size=32, verbose=0,
              callbacks=[ModelTrainerCallback(monitor, metric="val_rmse", metric_name="rmse")])
    return model
"""


def _model(lr: float) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8, activation="tanh"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    return model


def _xy() -> tuple[np.ndarray, ...]:
    frame = linear_data(n=160)
    x, y = frame.drop(columns=["y"]).to_numpy("float32"), frame["y"].to_numpy("float32")
    return x[:120], y[:120], x[120:], y[120:]


@pytest.mark.slow
def test_standalone_records_what_keras_logged_and_stops_on_a_non_finite_loss(tmp_path: Path) -> None:
    x, y, xv, yv = _xy()
    ws = tmp_path / "ws"
    cb = ModelTrainerCallback(workspace=ws, metric="val_rmse", metric_name="rmse", config={"lr": 0.05})
    fit = _model(0.05).fit(x, y, validation_data=(xv, yv), epochs=4, batch_size=32, verbose=0, callbacks=[cb])
    hist = pd.read_csv(sorted((ws / "results/runs").glob("*/history.csv"))[-1])
    assert list(hist.columns[:7]) == ["epoch", "train_loss", "val_loss", "metric", "grad_norm", "time_s", "lr"]
    assert hist["epoch"].tolist() == [1, 2, 3, 4]
    # exactly Keras' own numbers, nothing recomputed; no gradient norm is invented
    assert np.allclose(hist["train_loss"], fit.history["loss"]) and np.allclose(hist["metric"], fit.history["val_rmse"])
    assert np.allclose(hist["val_loss"], fit.history["val_loss"]) and np.allclose(hist["rmse"], fit.history["rmse"])
    assert hist["grad_norm"].isna().all() and np.allclose(hist["lr"], 0.05)
    log = (ws / "training_full.log").read_text()
    assert log.count(" epoch: ") == 4 and f"run {cb.run_id}: completed, 4 epochs" in log
    assert diagnose(sorted((ws / "results/runs").glob("*/history.csv"))[-1]) in (0, 1)

    ws2 = tmp_path / "ws2"
    cb2 = ModelTrainerCallback(workspace=ws2)
    _model(1e6).fit(x, y, validation_data=(xv, yv), epochs=50, batch_size=32, verbose=0, callbacks=[cb2])
    outcome = json.loads((ws2 / f"results/runs/{cb2.run_id}/outcome.json").read_text())
    assert outcome["status"] == "stopped" and "non-finite" in outcome["stop_reason"] and outcome["epochs"] < 50


def test_monitor_or_workspace_is_required() -> None:
    with pytest.raises(ValueError, match="either monitor"):
        ModelTrainerCallback()
    assert issubclass(ModelTrainerCallback, keras.callbacks.Callback)


@pytest.mark.slow
def test_inside_model_trainer_train(tmp_path: Path) -> None:
    p = make_project(tmp_path, FUNCTION_MODE, config="lr = 0.05\nepochs = 5\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode in (0, 1), res.stdout + res.stderr
    first = sorted((p.root / "results/runs").iterdir())[0]
    hist = pd.read_csv(first / "history.csv")
    assert hist["epoch"].tolist() == list(range(1, 6))
    assert hist[["train_loss", "val_loss", "metric", "lr"]].notna().all().all()
    if res.returncode == 1:
        assert json.loads((p.root / "dev_diary.json").read_text())


UNCHOSEN_BACKEND = """
import keras


class Net:
    def __init__(self, model):
        self.model = model

    def predict(self, frame):
        return self.model.predict(frame.to_numpy("float32"), verbose=0).ravel()


def train_model(data_train, data_val, config, monitor):
    x, y = data_train.drop(columns=["y"]).to_numpy("float32"), data_train["y"].to_numpy("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(8, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    for _ in range(config["epochs"]):
        h = model.fit(x, y, epochs=1, batch_size=32, verbose=0)
        monitor.log_epoch(train_loss=h.history["loss"][-1])
    return model if config["bare"] else Net(model)
"""

LOAD_AND_SCORE = """
import sys
import numpy as np, pandas as pd
from model_trainer.bundle import load_model
b = load_model(sys.argv[1] + "/results/model_final.pkl", allow_pickle=True)
val = pd.read_csv(sys.argv[1] + "/data/val.csv")
pred = np.asarray(b.predict(val), dtype=float).ravel()
print(float(np.sqrt(np.mean((pred - val["y"].to_numpy()) ** 2))))
"""


@pytest.mark.slow
@pytest.mark.parametrize("bare", [True, False])
def test_a_keras_model_loads_where_no_backend_is_chosen(tmp_path: Path, bare: bool) -> None:
    # code that never names a backend runs on the installed one; the process that loads its model (bare: the
    # safetensors twin rebuilt by its class; wrapped: the pickle) picks the same one, not Keras's default TensorFlow
    import subprocess
    import sys

    p = make_project(tmp_path, UNCHOSEN_BACKEND, config=f"epochs = 30\nbare = {str(bare).lower()}\n")
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    res = subprocess.run([sys.executable, "-m", "model_trainer", "train", str(p.spec), "--quiet"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    assert manifest["twin"]["keras_backend"] == "torch"
    score = subprocess.run([sys.executable, "-c", LOAD_AND_SCORE, str(p.root)], capture_output=True, text=True,
                           env=env, timeout=300)
    assert score.returncode == 0, score.stderr
    verdict = json.loads((p.root / "results/verdict.json").read_text())
    assert float(score.stdout) == pytest.approx(verdict["metric"], rel=1e-4)
