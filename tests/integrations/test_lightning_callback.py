"""The Lightning callback with the real framework on a tiny model: standalone records, stopping, function mode."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pytorch_lightning" if __import__("importlib").util.find_spec("lightning") is None
                    else "lightning")

from conftest import cli, make_project
from model_trainer.diagnose import diagnose
from model_trainer.gates import run_gates
from model_trainer.integrations.lightning import ModelTrainerCallback, pl

MODULE = """
import torch

try:
    import lightning.pytorch as pl
except ImportError:
    import pytorch_lightning as pl


class Regressor(pl.LightningModule):
    def __init__(self, n_in, lr):
        super().__init__()
        self.body = torch.nn.Linear(n_in, 8)
        self.head = torch.nn.Linear(8, 1)
        self.lr = lr

    def forward(self, x):
        return self.head(torch.tanh(self.body(x))).squeeze(-1)

    def training_step(self, batch, _):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self(x), y)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self(x), y)
        self.log("val_loss", loss, on_epoch=True)
        self.log("val_rmse", loss.sqrt(), on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.lr)


def loaders(frame_train, frame_val, target="y"):
    def ds(f):
        x = torch.tensor(f.drop(columns=[target]).to_numpy(), dtype=torch.float32)
        return torch.utils.data.TensorDataset(x, torch.tensor(f[target].to_numpy(), dtype=torch.float32))
    return (torch.utils.data.DataLoader(ds(frame_train), batch_size=32, shuffle=True),
            torch.utils.data.DataLoader(ds(frame_val), batch_size=64))


def trainer(callback, epochs, **kw):
    return pl.Trainer(max_epochs=epochs, callbacks=[callback], logger=False, enable_checkpointing=False,
                      enable_progress_bar=False, enable_model_summary=False, accelerator="cpu", devices=1,
                      num_sanity_val_steps=0, **kw)
"""

FUNCTION_MODE = MODULE + """

def train_model(data_train, data_val, config, monitor):
    from model_trainer.integrations.lightning import ModelTrainerCallback

    module = Regressor(data_train.shape[1] - 1, config["lr"])
    train, val = loaders(data_train, data_val)
    trainer(ModelTrainerCallback(monitor, metric="val_rmse", metric_name="rmse"), config["epochs"]).fit(
        module, train, val)
    return module
"""


def _ns(tmp_path: Path) -> dict[str, object]:
    ns: dict[str, object] = {}
    exec(compile(MODULE, str(tmp_path / "regressor.py"), "exec"), ns)
    return ns


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    from conftest import linear_data

    frame = linear_data(n=160)
    return frame.iloc[:120], frame.iloc[120:]


@pytest.mark.slow
def test_standalone_run_writes_the_contract_records_and_stops_on_a_non_finite_loss(tmp_path: Path) -> None:
    ns = _ns(tmp_path)
    train, val = ns["loaders"](*_frames())  # type: ignore[operator]

    ws = tmp_path / "ws"
    cb = ModelTrainerCallback(workspace=ws, metric="val_rmse", metric_name="rmse", config={"lr": 0.05})
    ns["trainer"](cb, 4).fit(ns["Regressor"](3, 0.05), train, val)  # type: ignore[operator]
    hist = pd.read_csv(sorted((ws / "results/runs").glob("*/history.csv"))[-1])
    assert list(hist.columns[:7]) == ["epoch", "train_loss", "val_loss", "metric", "grad_norm", "time_s", "lr"]
    assert hist["epoch"].tolist() == [1, 2, 3, 4]
    assert hist["lr"].eq(0.05).all() and hist["grad_norm"].gt(0).all()
    assert {"grad_norm.body", "grad_norm.head"} <= set(hist.columns)
    # the total is Lightning's own norm over all parameters: the groups add up to it
    groups = hist[["grad_norm.body", "grad_norm.head"]].pow(2).sum(axis=1).pow(0.5)
    assert (groups - hist["grad_norm"]).abs().max() < 1e-4
    assert (hist["metric"] - hist["val_loss"].pow(0.5)).abs().max() < 1e-5   # val_rmse is sqrt(val_loss) here
    log = (ws / "training_full.log").read_text()
    assert log.count(" epoch: ") == 4 and "rmse: " in log and f"run {cb.run_id}: completed, 4 epochs" in log
    outcome = json.loads((ws / f"results/runs/{cb.run_id}/outcome.json").read_text())
    assert outcome["status"] == "completed" and outcome["epochs"] == 4
    # the tool's own readers take these records as they take a supervised run's
    assert diagnose(sorted((ws / "results/runs").glob("*/history.csv"))[-1]) in (0, 1)
    assert set(run_gates(ws)["gates"]) >= {"completeness", "traceability"}

    # a learning rate far too high: the loss turns non-finite, the monitor says stop and Lightning stops
    ws2 = tmp_path / "ws2"
    cb2 = ModelTrainerCallback(workspace=ws2, metric="val_rmse")
    ns["trainer"](cb2, 50).fit(ns["Regressor"](3, 1e6), train, val)  # type: ignore[operator]
    outcome = json.loads((ws2 / f"results/runs/{cb2.run_id}/outcome.json").read_text())
    assert outcome["status"] == "stopped" and "non-finite" in outcome["stop_reason"]
    assert outcome["epochs"] < 50

    # validation every second epoch: the epochs without one have no validation values, not stale ones
    ws3 = tmp_path / "ws3"
    cb3 = ModelTrainerCallback(workspace=ws3, metric="val_rmse")
    ns["trainer"](cb3, 4, check_val_every_n_epoch=2).fit(ns["Regressor"](3, 0.05), train, val)  # type: ignore[operator]
    hist = pd.read_csv(sorted((ws3 / "results/runs").glob("*/history.csv"))[-1])
    assert hist["val_loss"].isna().tolist() == [True, False, True, False]
    assert hist["metric"].isna().tolist() == [True, False, True, False]
    assert hist["train_loss"].notna().all()


def test_monitor_or_workspace_is_required() -> None:
    with pytest.raises(ValueError, match="either monitor"):
        ModelTrainerCallback()
    with pytest.raises(TypeError, match="not a model-trainer monitor"):
        ModelTrainerCallback(monitor="monitor")
    assert issubclass(ModelTrainerCallback, pl.Callback)


@pytest.mark.slow
def test_inside_model_trainer_train_gives_the_same_records_as_function_mode(tmp_path: Path) -> None:
    p = make_project(tmp_path, FUNCTION_MODE, config="lr = 0.05\nepochs = 6\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode in (0, 1), res.stdout + res.stderr
    hist = pd.read_csv(p.root / "results/runs" / sorted(d.name for d in (p.root / "results/runs").iterdir())[0]
                       / "history.csv")
    assert hist["epoch"].tolist() == list(range(1, 7))
    assert hist[["train_loss", "val_loss", "metric", "grad_norm", "lr"]].notna().all().all()
    log = (p.root / "training_full.log").read_text()
    assert "epoch: 1 train_loss: " in log and " rmse: " in log and " grad_norm: " in log
    # whatever the verdict, a non-accepted run is documented as any function-mode run is
    if res.returncode == 1:
        assert json.loads((p.root / "dev_diary.json").read_text())


@pytest.mark.slow
def test_a_training_step_that_returns_no_loss_is_named_at_its_line_and_left_not_established(tmp_path: Path) -> None:
    """Lightning warns that ``training_step`` returned None and steps nothing: the warning points into the library,
    the entry names the user's definition, and no knob is claimed to repair it."""
    logged = '        self.log("train_loss", loss, on_step=False, on_epoch=True)\n'
    silent = FUNCTION_MODE.replace(logged + "        return loss\n", logged)
    assert silent != FUNCTION_MODE
    p = make_project(tmp_path, silent, config="lr = 0.05\nepochs = 6\n")
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    entry = json.loads((p.root / "dev_diary.json").read_text())[0]
    line = next(i for i, s in enumerate(silent.splitlines(), 1) if "def training_step" in s)
    read = next(t for t in entry["tests"] if t["action"].startswith("Read the run's warnings"))
    assert read["result"].startswith(f"code/model.py:{line}: Lightning's training_step returned None"), read
    assert entry["root_cause"] == "unknown" and entry["hypotheses"][0]["cause"] == "training_loop_bug"
