"""The run engine end to end: healthy, crashing, killed, hanging and interrupted runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import LINEAR_GD, cli, cli_interrupt, linear_data
from model_trainer import IntegrityError, load_model

EPOCH_RE = re.compile(r"epoch: (\d+) train_loss: (\S+) val_loss: (\S+) rmse: (\S+) grad_norm: (\S+) lr: (\S+) "
                      r"time: ([\d.]+)s")

CRASHY = """
import os, signal, sys, time

def train_model(data_train, data_val, config, monitor):
    for epoch in range(3):
        monitor.log_epoch(train_loss=1.0 / (epoch + 1), val_loss=1.5 / (epoch + 1))
        print(f"user line {epoch}")
    sys.stderr.write("a warning-ish stderr line\\n")
    mode = config["mode"]
    if mode == "raise":
        table = {}
        return table["beta_hub"]
    if mode == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if mode == "segv":
        import ctypes
        ctypes.string_at(0)
    if mode == "hang":
        time.sleep(600)
    return None
"""


def _diary(root: Path) -> list[dict]:
    return json.loads((root / "dev_diary.json").read_text())


def _history(root: Path) -> pd.DataFrame:
    """The latest run's history: a failed run's rows live in its run folder, not in the accepted history."""
    return pd.read_csv(sorted((root / "results/runs").glob("*/history.csv"))[-1])


def _run_history(root: Path) -> pd.DataFrame:
    """A failed or interrupted run's history lives in its own folder only."""
    (run,) = (root / "results/runs").iterdir()
    return pd.read_csv(run / "history.csv")


def test_healthy_run_records_everything(project):
    p = project(LINEAR_GD, config="lr = 0.3\nepochs = 12\n")  # converges within 12 epochs (CONTRACT §7)
    res = cli("train", str(p.spec))
    assert res.returncode == 0, res.stdout + res.stderr
    hist = _history(p.root)
    assert list(hist.columns[:7]) == ["epoch", "train_loss", "val_loss", "metric", "grad_norm", "time_s", "lr"]
    assert hist["epoch"].tolist() == list(range(1, 13))
    assert hist["train_loss"].iloc[-1] < hist["train_loss"].iloc[0]
    log = p.text("training_full.log")
    lines = [m for m in map(EPOCH_RE.search, log.splitlines()) if m]
    assert [int(m[1]) for m in lines] == list(range(1, 13))
    assert float(lines[-1][2]) == pytest.approx(hist["train_loss"].iloc[-1], abs=1e-4)
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ", log)
    runs = list((p.root / "results/runs").iterdir())
    assert len(runs) == 1
    assert {f.name for f in runs[0].iterdir()} >= {"config.json", "history.csv", "outcome.json", "model.pkl"}
    assert json.loads((runs[0] / "outcome.json").read_text())["status"] == "completed"
    bundle = load_model(p.root / "results/model_final.pkl", allow_pickle=True)
    pred = bundle.predict(pd.read_csv(p.root / "data/val.csv"))
    assert len(pred) == len(pd.read_csv(p.root / "data/val.csv"))
    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    assert manifest["config"] == {"lr": 0.3, "epochs": 12}
    assert "numpy" in manifest["versions"] and len(manifest["sha256"]) == 64
    assert not (p.root / "dev_diary.md").exists()  # nothing went wrong, nothing to tell


def test_a_model_that_pickles_but_will_not_load_again_is_said_so(project):
    # the model saves, but rebuilding it from its pickle raises: the run is judged as any other, and the log says
    # what loading the file will meet
    reduce = "    def __reduce__(self):\n        return (_rebuild, ())\n"
    code = LINEAR_GD.replace("    def predict(self, frame):", reduce + "    def predict(self, frame):") + (
        "\ndef _rebuild():\n    raise RuntimeError('the scaler this model needs lives only in the notebook')\n")
    p = project(code, config="lr = 0.3\nepochs = 12\n")
    res = cli("train", str(p.spec))
    assert res.returncode == 0, res.stdout + res.stderr
    log = p.text("training_full.log")
    assert "the model's file will not load again: unpickling it raises RuntimeError: the scaler this model needs" \
        in log, log


def test_load_model_refuses_tampered_file(project):
    p = project(LINEAR_GD, config="lr = 0.4\nepochs = 8\n")
    assert cli("train", str(p.spec)).returncode == 0
    path = p.root / "results/model_final.pkl"
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(IntegrityError, match="does not match"):
        load_model(path, allow_pickle=True)


def test_exception_is_documented_verbatim(project):
    p = project(CRASHY, config='mode = "raise"\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1
    entry = _diary(p.root)[0]
    assert entry["symptom"] == "training_error" and entry["status"] == "unresolved"
    assert entry["root_cause"] == "code_error" and entry["fix"] is None
    assert "KeyError: 'beta_hub'" in entry["error_message"]
    assert 'return table["beta_hub"]' in entry["error_message"]  # the traceback, verbatim
    assert "model.py, line 12" in entry["tests"][0]["result"]
    md = p.text("dev_diary.md")
    assert "## Dev Diary Entry #1" in md and "KeyError: 'beta_hub'" in md
    log = p.text("training_full.log")
    assert "ERROR: run" in log and "KeyError: 'beta_hub'" in log and "Traceback (most recent call last)" in log
    assert "stdout: user line 2" in log and "stderr: a warning-ish stderr line" in log
    assert _run_history(p.root)["epoch"].tolist() == [1, 2, 3]
    assert not (p.root / "results/model_final.pkl").exists()


@pytest.mark.parametrize("mode,signame", [("kill", "SIGKILL"), ("segv", "SIGSEGV")])
def test_hard_death_is_survived(project, mode, signame):
    p = project(CRASHY, config=f'mode = "{mode}"\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1
    entry = _diary(p.root)[0]
    assert entry["symptom"] == "training_error" and signame in entry["error_message"]
    assert entry["status"] == "unresolved"
    log = p.text("training_full.log")
    assert f"died by {signame}" in log and "ERROR:" in log
    if signame == "SIGKILL":
        assert "out-of-memory" in entry["error_message"]
    else:
        assert "segmentation fault" in entry["error_message"]
        assert "Fatal Python error" in log  # faulthandler's stack went to the log
    assert _run_history(p.root)["epoch"].tolist() == [1, 2, 3]


def test_hang_is_stopped_at_the_time_limit(project):
    p = project(CRASHY, config='mode = "hang"\n', budget='time_limit = "10s"\n')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 1
    entry = _diary(p.root)[0]
    assert entry["symptom"] == "timeout" and entry["status"] == "escalated"
    assert any("Flag for @advisor" in s for s in entry["next_steps"])
    assert "passed the time limit" in p.text("training_full.log")
    assert _run_history(p.root)["epoch"].tolist() == [1, 2, 3]


def test_ctrl_c_exits_130_and_keeps_records(project):
    code = """
    import time
    def train_model(data_train, data_val, config, monitor):
        for epoch in range(1000):
            monitor.log_epoch(train_loss=1.0, val_loss=1.0)
            time.sleep(0.05)
        return None
    """
    p = project(code, config="epochs = 1000\n")
    rc, out = cli_interrupt(["train", str(p.spec)], after_line="epoch: 5 ")
    assert rc == 130, out
    hist = _run_history(p.root)
    assert len(hist) >= 5
    assert "interrupted" in p.text("training_full.log")
    entry = _diary(p.root)[0]
    assert entry["status"] == "unresolved" and "KeyboardInterrupt" in entry["error_message"]


TWO_ARG = """
import pandas as pd

class Mean:
    def predict(self, frame):  # the fixture data's own linear signal: a model good enough to be accepted
        return frame[["x0", "x1", "x2"]].to_numpy() @ [1.0, -2.0, 0.5]

def train_model(data_train, data_val):
    history = {"loss": [3.0, 2.0, 1.0], "val_loss": [3.5, 2.5, 2.5], "grad_norm": [9.0, 4.0, 1.0]}
    return Mean(), HISTORY_KIND(history)
"""


@pytest.mark.parametrize("as_frame", [False, True])
def test_two_argument_signature_with_returned_history(project, as_frame):
    p = project(TWO_ARG.replace("HISTORY_KIND", "pd.DataFrame" if as_frame else "dict"))
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stderr
    hist = _history(p.root)
    assert hist["train_loss"].tolist() == [3.0, 2.0, 1.0]
    assert hist["grad_norm"].tolist() == [9.0, 4.0, 1.0]
    assert hist["metric"].isna().all()  # not measured: empty, never invented
    assert "train_model(data_train, data_val)" in p.text("training_full.log")


def test_a_returned_numpy_structured_history_is_read_by_its_field_names():
    import numpy as np

    from model_trainer.engine.monitor import history_rows

    h = np.zeros(3, dtype=[("epoch", "i4"), ("train_loss", "f8"), ("val_loss", "f8"), ("val_rmse", "f8")])
    h["epoch"], h["train_loss"], h["val_loss"] = [1, 2, 3], [3.0, 2.0, 1.5], [3.5, 2.5, 2.0]
    h["val_rmse"] = [1.9, 1.6, 1.4]
    rows = history_rows(h, "rmse")
    assert len(rows) == 3 and rows[2]["val_loss"] == 2.0 and rows[2]["metric"] == 1.4
    with pytest.raises(TypeError, match="numpy structured array"):
        history_rows(np.zeros((3, 2)), "rmse")


def test_a_returned_history_keeps_its_numbers_and_leaves_out_columns_of_words():
    from model_trainer.engine.monitor import Monitor
    from model_trainer.events import EpochLogged, Note

    events: list[object] = []
    history = {"model": "mlp", "train_loss": [1.0, 0.5], "val_loss": [1.2, 0.7], "phase": ["warm-up", "main"],
               "time_s": ["0.1s", 0.2]}
    assert Monitor(events.append).log_history(history, "rmse") == 2
    epochs = [e for e in events if isinstance(e, EpochLogged)]
    assert [e.values for e in epochs] == [{"train_loss": 1.0, "val_loss": 1.2}, {"train_loss": 0.5, "val_loss": 0.7}]
    assert epochs[1].time_s == 0.2 and epochs[0].time_s != epochs[0].time_s  # unreadable time: NaN, not a crash
    assert any(isinstance(e, Note) and "`phase`" in e.text for e in events)
    with pytest.raises(TypeError, match="val_loss"):
        Monitor(events.append).log_history({"train_loss": [1.0], "val_loss": ["high"]}, "rmse")


def test_a_returned_keras_style_history_gives_the_metric_only_from_the_specs_validation_name():
    """Keras logs the training side of a metric under its bare name and the validation side as ``val_<name>``:
    only the spec's own metric on validation becomes the history's ``metric``."""
    from model_trainer.engine.monitor import history_rows

    keras = {"loss": [4.0, 2.0], "val_loss": [5.0, 3.0], "mae": [1.0, 0.5], "val_mae": [1.5, 1.0]}
    assert history_rows(keras, "mae")[1] == {"train_loss": 2.0, "val_loss": 3.0, "mae": 0.5, "metric": 1.0}
    assert "metric" not in history_rows(keras, "rmse")[0]  # a validation mae is no rmse
    assert "metric" not in history_rows({"loss": [1.0], "mae": [0.3]}, "mae")[0]  # a training mae is no metric
    assert history_rows([{"loss": 1.0, "val_root_mean_squared_error": 0.7}], "rmse")[0]["metric"] == 0.7
    assert history_rows({"loss": [1.0], "val_mape": [12.0]}, "mape")[0]["metric"] == 12.0  # a metric of one's own


def test_three_argument_signature_gets_config(project):
    code = """
    from sklearn.dummy import DummyRegressor

    def train_model(data_train, data_val, config):
        return DummyRegressor(), {"train_loss": [config["lr"]], "val_loss": [config["lr"] * 2]}
    """
    p = project(code, config="lr = 0.25\n")
    assert cli("train", str(p.spec), "--quiet").returncode == 0
    assert _history(p.root)["val_loss"].tolist() == [0.5]


def test_non_finite_loss_sets_should_stop(project):
    code = """
    def train_model(data_train, data_val, config, monitor):
        seen = []
        for epoch in range(50):
            loss = float("nan") if epoch >= 3 else 1.0
            monitor.log_epoch(train_loss=loss, val_loss=loss)
            if monitor.should_stop:
                print("stopping on request")
                break
        return None
    """
    p = project(code, config="epochs = 50\n")
    cli("train", str(p.spec), "--quiet")
    hist = pd.read_csv(next((p.root / "results/runs").iterdir()) / "history.csv")
    assert len(hist) == 4
    assert "stopping on request" in p.text("training_full.log")


def test_diary_is_append_only_across_runs(project):
    p = project(CRASHY, config='mode = "raise"\n')
    (p.root / "dev_diary.md").write_text("# Dev Diary\n\nnotes written by a person\n")
    cli("train", str(p.spec), "--quiet")
    first = p.text("dev_diary.md")
    cli("train", str(p.spec), "--quiet")
    second = p.text("dev_diary.md")
    assert second.startswith(first) and first.startswith("# Dev Diary\n\nnotes written by a person\n")
    assert "## Dev Diary Entry #2" in second
    assert [e["id"] for e in _diary(p.root)] == [1, 2]


def test_grad_norm_from_a_torch_module(project):
    code = """
    import torch
    def train_model(data_train, data_val, config, monitor):
        torch.manual_seed(0)
        x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
        y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
        net = torch.nn.Sequential()
        net.add_module("hidden", torch.nn.Linear(x.shape[1], 8))
        net.add_module("act", torch.nn.ReLU())
        net.add_module("out", torch.nn.Linear(8, 1))
        opt = torch.optim.Adam(net.parameters(), lr=0.05)
        for epoch in range(150):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(x), y)
            loss.backward()
            monitor.log_epoch(train_loss=loss, grad_norm=net)
            opt.step()
        return net
    """
    p = project(code)
    # trained to the linear reference's level: the returned network is judged by its own predictions, and accepted
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout
    hist = _history(p.root)
    assert {"grad_norm.hidden", "grad_norm.out"} <= set(hist.columns)
    total = (hist["grad_norm.hidden"] ** 2 + hist["grad_norm.out"] ** 2) ** 0.5
    assert hist["grad_norm"].tolist() == pytest.approx(total.tolist(), rel=1e-5)


def test_frames_survive_any_split_and_report_a_torn_or_bad_event():
    from model_trainer.engine.wire import FrameReader, Unreadable, encode
    from model_trainer.events import EpochLogged, Note

    events = [EpochLogged(epoch=i, values={"train_loss": 1.0 / i}, time_s=0.1) for i in range(1, 60)]
    events.insert(30, Note(text="a note"))
    data = b"".join(encode(e) for e in events)
    for step in (1, 7, 4096):
        reader = FrameReader()
        got = [e for i in range(0, len(data), step) for e in reader.feed(data[i:i + step])]
        assert got == events and reader.pending == 0
    reader = FrameReader()
    assert reader.feed(data[:-3]) == events[:-1] and reader.pending > 0  # the last one was cut off
    bad = (5).to_bytes(4, "little") + b"Ojunk"
    got = FrameReader().feed(bad + encode(Note(text="after")))
    assert isinstance(got[0], Unreadable) and got[1] == Note(text="after", ts=got[1].ts)


def test_sigterm_becomes_an_exception_with_its_exit_code_and_handlers_are_restored():
    import os
    import signal

    from model_trainer.engine import signals

    before = signal.getsignal(signal.SIGTERM)
    with signals.handle_signals():
        with pytest.raises(signals.SignalInterrupt) as caught:
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs before the next line
        assert caught.value.exit_code == 143 and caught.value.name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == before
    with signals.handle_signals():
        with signals.deferred():
            os.kill(os.getpid(), signal.SIGHUP)  # held: a block in progress must not be cut in half
        with pytest.raises(KeyboardInterrupt) as caught:
            signals.raise_pending()
        assert signals.signal_of(caught.value) == signal.SIGHUP
    assert signals.exit_code_for("SIGHUP") == 129 and signals.exit_code_for(None) == 130


def test_an_investigation_leaves_no_zygote_or_child_behind(project):
    """Every run's child is forked from one warm process; when the command ends, that process is ended too."""
    import psutil

    p = project(LINEAR_GD, config="lr = 5.0\nepochs = 30\n", budget="max_attempts = 4\n")
    res = cli("train", str(p.root / "spec.toml"), "--quiet")
    assert res.returncode in (0, 1), res.stdout + res.stderr
    log = (p.root / "training_full.log").read_text()
    assert len(re.findall(r"run \S+ started", log)) >= 2  # an investigation ran: more runs than the first
    left = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "model_trainer.engine." in " ".join(proc.info["cmdline"] or []) and \
                    Path(proc.cwd()) == p.root:
                left.append(proc.pid)
        except psutil.Error:
            continue
    assert not left, f"processes left behind: {left}"


def test_warm_modules_follow_the_kind_and_the_entry_files_imports(tmp_path):
    from model_trainer.engine.job import Job
    from model_trainer.engine.supervisor import warm_modules

    f = tmp_path / "m.py"
    f.write_text("import os\nimport torch.nn as nn\nfrom sklearn.linear_model import Ridge\nfrom . import x\n")
    job = Job(run_id="r", kind="function", entry_file=str(f), module_name=None, function="train_model", config={},
              train_path="", val_path="", target="y", ignore_columns=[], metric="rmse", higher_is_better=False,
              data_repairs={})
    assert warm_modules(job) == ("numpy", "pandas", "torch.nn", "sklearn.linear_model", "skops.io",
                                 "safetensors.torch", "model_trainer.kinds.function")
    job.kind = "torch"
    assert warm_modules(job)[:4] == ("numpy", "pandas", "torch", "torch.optim")
    assert warm_modules(job)[-1] == "model_trainer.kinds.torch"


def test_keras_is_warmed_only_with_the_backend_the_entry_file_or_environment_names(tmp_path, monkeypatch):
    from model_trainer.engine.child import warm
    from model_trainer.engine.zygote import warm_modules_for

    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    f = tmp_path / "m.py"
    f.write_text('import os\nos.environ.setdefault("KERAS_BACKEND", "torch")\nimport keras\n')
    assert "keras@KERAS_BACKEND=torch" in warm_modules_for("function", f)
    f.write_text('import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n')
    assert "keras@KERAS_BACKEND=jax" in warm_modules_for("function", f)
    f.write_text("import keras\n")  # no backend named: Keras's own choice (its keras.json) decides where it can load
    (tmp_path / "kh").mkdir()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    (tmp_path / "kh/keras.json").write_text('{"backend": "numpy"}')
    assert not any(m.startswith("keras") for m in warm_modules_for("function", f))
    # ...and where the backend it would load is not installed, the runs get one that is
    (tmp_path / "kh/keras.json").write_text('{"backend": "no_such_backend_installed"}')
    assert "keras@KERAS_BACKEND=torch" in warm_modules_for("function", f)
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    assert "keras@KERAS_BACKEND=torch" in warm_modules_for("function", f)
    # the environment wins over the warm list: a different backend is never imported for the run
    monkeypatch.setenv("KERAS_BACKEND", "numpy")
    warm(["json@KERAS_BACKEND=torch"])
    assert __import__("os").environ["KERAS_BACKEND"] == "numpy"


def test_runs_are_forked_from_one_warm_process_and_start_like_fresh_ones(tmp_path):
    from model_trainer.engine.job import Job
    from model_trainer.engine.supervisor import Supervisor
    from model_trainer.workspace import Workspace

    (tmp_path / "m.py").write_text(
        "import os\nimport sys\nimport numpy as np\nCALLS = []\n\nclass M:\n"
        "    def predict(self, frame):\n        return frame.iloc[:, 0].to_numpy()\n\n"
        "def train_model(tr, va, config, monitor):\n    CALLS.append(1)\n"
        "    print('pid', os.getpid(), 'parent', os.getppid(), 'calls', len(CALLS), 'draw', np.random.rand(),"
        " 'stdin', sys.stdin.read() == '', flush=True)\n"
        "    monitor.log_epoch(train_loss=1.0, val_loss=1.0)\n    return M()\n")
    linear_data(40).to_csv(tmp_path / "d.csv", index=False)
    ws = Workspace(tmp_path / "ws")
    sup = Supervisor(ws, metric_name="rmse", cwd=tmp_path)

    def job(i: int) -> Job:
        return Job(run_id=ws.new_run_id(f"r{i}"), kind="function", entry_file=str(tmp_path / "m.py"),
                   module_name=None, function="train_model", config={}, train_path=str(tmp_path / "d.csv"),
                   val_path=str(tmp_path / "d.csv"), target="y", ignore_columns=[], metric="rmse",
                   higher_is_better=False, data_repairs={})
    try:
        first = sup.run(job(1))
        assert first.ok and sup._zygote is not None
        zygote = sup._zygote.proc
        second = sup.run(job(2))
        assert second.ok and first.exit_code == second.exit_code == 0
        lines = re.findall(r"pid (\d+) parent (\d+) calls (\d+) draw (\S+) stdin (\w+)", ws.log_path.read_text())
        assert len(lines) == 2
        (pid1, parent1, calls1, draw1, eof1), (pid2, parent2, calls2, draw2, eof2) = lines
        assert pid1 != pid2 and int(parent1) == int(parent2) == zygote.pid  # both forked by the same process
        assert calls1 == calls2 == "1"  # the user's module is imported afresh in each run, never in the zygote
        assert draw1 != draw2  # unseeded draws differ, as in two fresh processes
        assert eof1 == eof2 == "True"  # stdin held the job and nothing more
    finally:
        sup.close()
    assert sup._zygote is None and zygote.poll() is not None  # ended by close()


def test_a_forked_child_killed_by_a_signal_is_reported_as_a_fresh_one_would_be(tmp_path):
    from model_trainer.engine.job import Job
    from model_trainer.engine.supervisor import Supervisor
    from model_trainer.workspace import Workspace

    (tmp_path / "m.py").write_text(
        "import os, signal\n\ndef train_model(tr, va, config, monitor):\n"
        "    monitor.log_epoch(train_loss=1.0, val_loss=1.0)\n    os.kill(os.getpid(), signal.SIGKILL)\n")
    linear_data(40).to_csv(tmp_path / "d.csv", index=False)
    ws = Workspace(tmp_path / "ws")
    sup = Supervisor(ws, metric_name="rmse", cwd=tmp_path)
    try:
        rec = sup.run(Job(run_id=ws.new_run_id("k"), kind="function", entry_file=str(tmp_path / "m.py"),
                          module_name=None, function="train_model", config={}, train_path=str(tmp_path / "d.csv"),
                          val_path=str(tmp_path / "d.csv"), target="y", ignore_columns=[], metric="rmse",
                          higher_is_better=False, data_repairs={}))
        assert sup._zygote is not None and sup._zygote.alive()  # the zygote outlives its child
    finally:
        sup.close()
    assert rec.status == "killed" and rec.signal_name == "SIGKILL" and rec.exit_code == -9
    assert len(rec.history) == 1


EARLY = r'''
import json, sys
from pathlib import Path

from model_trainer.engine import early

spec, out = Path(sys.argv[1]), Path(sys.argv[2])
early.start(["train", str(spec), "--out", str(out)])
zygote_pid = early._held["zygote"][0].proc.pid
worker_pid = early._held["references"].proc.pid

import model_trainer.investigate.judge as judge

def refuse(*args, **kwargs):
    raise AssertionError("the references were fitted in the command's own process")

judge.references = refuse  # the worker was forked before this: only it can answer
from model_trainer.session import train

verdict = train(spec, out)
print(json.dumps({"zygote": zygote_pid, "worker": worker_pid, "held": sorted(early._held),
                  "exit": verdict.exit_code}))
'''


def test_a_commands_helpers_are_forked_at_its_start_and_taken_over(project):
    """``python -m model_trainer train`` forks the zygote and the references' worker before its own imports; the
    supervisor forks the runs from that zygote and the references come from that worker."""
    import subprocess
    import sys

    import numpy as np

    from model_trainer.probes.references import references

    record_parent = ("    import os, sys\n    open('ppid.txt', 'a').write(f'{os.getppid()}\\n')\n"
                     "    open('argv.txt', 'w').write(repr(sys.argv))\n")
    code = LINEAR_GD.replace("    x, y = _xy(data_train)", record_parent + "    x, y = _xy(data_train)")
    p = project(code, config="lr = 0.3\nepochs = 12\n")
    proc = subprocess.run([sys.executable, "-c", EARLY, str(p.spec), str(p.root / "ws")], capture_output=True,
                          text=True, cwd=p.root, timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["exit"] == 0 and got["held"] == []
    assert {int(x) for x in (p.root / "ppid.txt").read_text().split()} == {got["zygote"]}
    assert (p.root / "argv.txt").read_text() == repr([str(p.root / "code/model.py")])  # as `python model.py`
    refs = json.loads((p.root / "ws/results/data_report.json").read_text())["references"]
    train, val = pd.read_csv(p.root / "data/train.csv"), pd.read_csv(p.root / "data/val.csv")
    here = references(train, val, ["x0", "x1", "x2"], "y", "rmse").values
    assert refs.keys() == here.keys() and all(np.isclose(refs[k], here[k]) for k in here)


def test_an_early_zygote_for_other_imports_is_ended_not_taken(project):
    import subprocess
    import sys

    p = project(LINEAR_GD, config="lr = 0.3\nepochs = 12\n")
    script = ("import sys, os\nfrom pathlib import Path\nfrom model_trainer.engine import early\n"
              "early.start(['train', sys.argv[1]])\nz = early._held['zygote'][0]\n"
              "assert early.take_zygote(('numpy', 'torch'), Path(sys.argv[1]).parent) is None\n"
              "assert z.proc.poll() is not None and early.take_zygote(('numpy', 'pandas'), Path('.')) is None\n"
              "w = early.take_references(); w.close(); assert w.proc.poll() is not None\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", script, str(p.spec)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stdout + proc.stderr


USER_TRANSFORM = """
import numpy as np
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer


def _clip_tails(X):
    return np.clip(np.asarray(X, dtype=float), -3.0, 3.0)


def build_estimator(config):
    return Pipeline([("clip", FunctionTransformer(_clip_tails)), ("ridge", Ridge(alpha=config["alpha"]))])
"""


def test_a_safe_twin_holding_a_function_of_the_users_loads_without_pickle(project):
    # skops imports the user's function by its module's name: the workspace's copy of the code provides it, in a
    # fresh process where nothing else has imported it
    p = project(USER_TRANSFORM, config="alpha = 1.0\n", entry="code/model.py:build_estimator", kind="sklearn")
    assert cli("train", str(p.spec)).returncode == 0
    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    assert manifest["twin"]["format"] == "skops" and "model._clip_tails" in manifest["twin"]["trusted"]
    out = subprocess.run([sys.executable, "-c", "import sys, pandas as pd\nfrom model_trainer import load_model\n"
                          f"b = load_model({str(p.root / 'results/model_final.pkl')!r})\n"
                          f"print(len(b.predict(pd.read_csv({str(p.root / 'data/val.csv')!r}))))"],
                         capture_output=True, text=True, cwd="/", timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "60", out.stderr


def test_a_loop_that_logs_the_histories_own_epoch_and_time_columns_is_recorded_not_refused():
    """`epoch` and `time_s` are history columns: a loop that passes them (as a returned history may hold them) keeps
    training; the monitor numbers the epochs, and the code's own time is the epoch's time."""
    from model_trainer.engine.monitor import Monitor

    seen = []
    monitor = Monitor(seen.append)
    monitor.log_epoch(train_loss=1.0, epoch=7, time_s=0.25, step_norm=0.5)
    monitor.log_epoch(train_loss=0.5, time_s="n/a")
    assert [e.epoch for e in seen] == [1, 2]
    assert seen[0].time_s == 0.25 and seen[0].values == {"train_loss": 1.0, "step_norm": 0.5}
    assert seen[1].time_s >= 0 and "time_s" not in seen[1].values


def test_run_ids_sort_in_start_order_across_commands_that_start_within_one_second(tmp_path, monkeypatch):
    import time as time_module

    from model_trainer.workspace import Workspace

    monkeypatch.setattr(time_module, "strftime", lambda fmt, *a: "20261128-090750")
    first = Workspace(tmp_path / "ws")
    earlier = [first.run_dir(first.new_run_id(label)) for label in ("train", "test1-more_epochs")]
    # a second command in the same workspace, within the same second: it must not number from 01 again
    later = Workspace(tmp_path / "ws").new_run_id("train")
    assert later == "20261128-090750-03-train"
    assert sorted([*(d.name for d in earlier), later])[-1] == later


def test_two_workspaces_on_one_folder_never_take_the_same_run_id(tmp_path, monkeypatch):
    import time as time_module

    from model_trainer.workspace import Workspace

    monkeypatch.setattr(time_module, "strftime", lambda fmt, *a: "20261128-090750")
    a, b = Workspace(tmp_path / "ws"), Workspace(tmp_path / "ws")
    # neither has created its run's folder yet when the other asks: library callers without the workspace lock
    ids = [a.new_run_id("train"), b.new_run_id("train"), a.new_run_id("train")]
    assert len(set(ids)) == 3
    assert all((a.runs / i).is_dir() for i in ids)
