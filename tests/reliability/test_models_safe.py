"""Safe model files: a copied workspace loads and predicts from its safe twin; unpickling only when allowed;
code is imported from the workspace's recorded copy only, never from where the manifest says it was."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import LINEAR_GD, cli, make_project

TORCH_FN = """
import numpy as np
import torch
from torch import nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 1)
    def forward(self, x):
        return self.lin(x)

def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(0)
    x = torch.tensor(data_train.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(data_train["y"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
    xv = torch.tensor(data_val.drop(columns=["y"]).to_numpy(), dtype=torch.float32)
    yv = data_val["y"].to_numpy()
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=config["lr"])
    for _ in range(config["epochs"]):
        opt.zero_grad()
        loss = ((net(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        with torch.no_grad():
            pred = net(xv).numpy().ravel()
        rmse = float(np.sqrt(np.mean((pred - yv) ** 2)))
        monitor.log_epoch(train_loss=float(loss), val_loss=rmse ** 2, metric=rmse)
    return net
"""

TORCH_BUILD = """
from torch import nn

def build_model(config, n_features):
    return nn.Sequential(nn.Linear(n_features, int(config["hidden_units"])), nn.Tanh(),
                         nn.Linear(int(config["hidden_units"]), 1))
"""

SKLEARN = """
from sklearn.linear_model import SGDRegressor

def build_estimator(config):
    return SGDRegressor(learning_rate="constant", eta0=config["lr"], random_state=0)
"""

MLE = """
import json
from pathlib import Path

import numpy as np

# code often reads a file kept beside it: the workspace's copy of the code must carry it
SCALE = json.loads((Path(__file__).parent / "scale.json").read_text())["scale"]

PARAMS = [{"name": "a", "init": 0.5}, {"name": "b", "init": 0.5}, {"name": "c", "init": 0.5},
          {"name": "d", "init": 0.0}]

def predict(theta, data):
    return SCALE * (data[["x0", "x1", "x2"]].to_numpy() @ np.asarray(theta[:3]) + theta[3])

def negative_log_likelihood(theta, data):
    return float(0.5 * np.sum((data["y"].to_numpy() - predict(theta, data)) ** 2))
"""


def _train_and_copy(root: Path, code: str, **kw: object) -> tuple[Path, Path]:
    """Train in ``root/orig``, copy the workspace, delete the original: the copy must stand alone."""
    orig = root / "orig"
    p = make_project(orig, code, **kw)  # type: ignore[arg-type]
    (orig / "code/scale.json").write_text('{"scale": 1.0}')
    res = cli("train", str(p.spec), "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    copy = root / "copy"
    shutil.copytree(orig, copy)
    val = copy / "data/val.csv"
    shutil.rmtree(orig)
    return copy, val


def _load_in_fresh_process(model: Path, val: Path, allow_pickle: bool = False) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter, so that no module of the training run is already imported."""
    script = textwrap.dedent(f"""
        import json, sys
        import pandas as pd
        from model_trainer import load_model
        b = load_model({str(model)!r}, allow_pickle={allow_pickle})
        pred = b.predict(pd.read_csv({str(val)!r}))
        print(json.dumps({{"kind": b.kind, "type": type(b.model).__name__, "pred": [float(v) for v in pred],
                          "modules": sorted(m for m in sys.modules if m in ("model", "est", "fit"))}}))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def _rmse(pred: list[float], val: Path) -> float:
    y = pd.read_csv(val)["y"].to_numpy()
    return float(np.sqrt(np.mean((np.asarray(pred) - y) ** 2)))


def _manifest(ws: Path) -> dict:
    return json.loads((ws / "results/model_final.manifest.json").read_text())


@pytest.mark.slow
def test_function_mode_torch_module_twin_predicts_in_a_copied_workspace(tmp_path):
    ws, val = _train_and_copy(tmp_path, TORCH_FN, config="lr = 0.1\nepochs = 60\n")
    m = _manifest(ws)
    assert m["twin"]["format"] == "safetensors" and m["twin"]["path"] == "results/model_final.safetensors"
    assert m["twin"]["rebuild"] == {"how": "class", "module": "model", "qualname": "Net"}
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["type"] == "Net"
    hist = pd.read_csv(ws / "results/training_history.csv")
    assert _rmse(out["pred"], val) == pytest.approx(hist["metric"].iloc[-1], rel=1e-4)


@pytest.mark.slow
def test_kind_torch_rebuilds_with_build_model_from_recorded_code(tmp_path):
    ws, val = _train_and_copy(tmp_path, TORCH_BUILD, kind="torch", entry="code/model.py:build_model",
                              config='lr = 0.01\noptimizer = "adam"\nepochs = 15\nbatch_size = 32\nseed = 1\n'
                                     'hidden_units = 8\n')
    m = _manifest(ws)
    assert m["twin"]["rebuild"]["how"] == "build_model" and m["twin"]["rebuild"]["n_features"] == 3
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["type"] == "Sequential"
    hist = pd.read_csv(ws / "results/training_history.csv")
    assert _rmse(out["pred"], val) == pytest.approx(hist["metric"].iloc[-1], rel=1e-4)


@pytest.mark.slow
def test_sklearn_twin_is_skops_with_recorded_trusted_types(tmp_path):
    ws, val = _train_and_copy(tmp_path, SKLEARN, kind="sklearn", entry="code/model.py:build_estimator",
                              config="lr = 0.01\nepochs = 5\n")
    m = _manifest(ws)
    assert m["twin"]["format"] == "skops" and isinstance(m["twin"]["trusted"], list)
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["type"] == "SGDRegressor" and _rmse(out["pred"], val) < 1.0


@pytest.mark.slow
def test_mle_params_twin_loads_in_a_copied_workspace(tmp_path):
    ws, val = _train_and_copy(tmp_path, MLE, kind="mle", entry="code/model.py")
    m = _manifest(ws)
    assert m["twin"]["format"] == "params.json"
    assert m["code"]["dir"].startswith("results/code/") and {"model.py", "scale.json"} <= set(m["code"]["files"])
    text = json.dumps(m)
    assert str(tmp_path) not in text  # every path relative to the workspace
    params = json.loads((ws / "results/model_final.params.json").read_text())
    assert params["names"] == ["a", "b", "c", "d"] and len(params["theta"]) == 4
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode == 0, res.stderr
    assert _rmse(json.loads(res.stdout)["pred"], val) < 0.5


def test_pickle_only_model_needs_allow_pickle(tmp_path):
    ws, val = _train_and_copy(tmp_path, LINEAR_GD, config="lr = 0.1\nepochs = 40\n")
    assert _manifest(ws)["twin"] is None
    refused = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert refused.returncode != 0 and "UnsafeModelError" in refused.stderr
    assert "allow_pickle=True" in refused.stderr
    allowed = _load_in_fresh_process(ws / "results/model_final.pkl", val, allow_pickle=True)
    assert allowed.returncode == 0, allowed.stderr
    out = json.loads(allowed.stdout)
    hist = pd.read_csv(ws / "results/training_history.csv")
    assert _rmse(out["pred"], val) == pytest.approx(hist["metric"].iloc[-1], rel=1e-6)


@pytest.mark.slow
def test_tampered_code_dir_in_the_manifest_is_not_imported(tmp_path):
    ws, val = _train_and_copy(tmp_path, MLE, kind="mle", entry="code/model.py")
    evil = tmp_path / "evil"
    evil.mkdir()
    marker = tmp_path / "imported.txt"
    (evil / "model.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n"
                                   "def predict(theta, data):\n    return [0.0] * len(data)\n")
    mpath = ws / "results/model_final.manifest.json"
    m = json.loads(mpath.read_text())
    m["code_dir"] = str(evil)                         # the old manifest's field
    m["code"]["dir"] = str(evil)                      # and the new one, pointed outside the workspace
    mpath.write_text(json.dumps(m))
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode != 0 and "outside the workspace" in res.stderr
    assert not marker.exists()
    # pointing it at another folder inside the workspace fails the recorded sha256 instead
    inside = ws / "results/code/evil"
    shutil.copytree(evil, inside)
    m["code"]["dir"] = "results/code/evil"
    mpath.write_text(json.dumps(m))
    res = _load_in_fresh_process(ws / "results/model_final.pkl", val)
    assert res.returncode != 0 and "does not match" in res.stderr
    assert not marker.exists()


TRUSTED = """
import hashlib, json, sys
from model_trainer.safemodel import import_skops
if sys.argv[1] == "fast":
    import_skops()
else:
    import skops.io
from skops.io import _trusted_types as T
names = {k: sorted(map(str, v)) for k, v in vars(T).items() if k.isupper() and isinstance(v, (list, tuple, set))}
torch_loaded = "torch" in sys.modules
import sklearn.externals.array_api_compat.torch  # the bridge still imports afterwards
print(json.dumps({"torch": torch_loaded, "names": hashlib.sha256(json.dumps(names).encode()).hexdigest()}))
"""


def test_skops_imported_without_torch_trusts_the_same_types():
    """``import_skops`` refuses scikit-learn's torch bridge while skops lists the estimators: torch is not imported
    and the trusted types are those of a plain import."""
    fast, plain = (json.loads(subprocess.run([sys.executable, "-c", TRUSTED, how], capture_output=True, text=True,
                                             timeout=120, check=True).stdout) for how in ("fast", "plain"))
    assert fast["torch"] is False and plain["torch"] is True
    assert fast["names"] == plain["names"]


class _ByFactory:
    """Pickles as ``getattr(_ByFactory, "from_config")(config)``, as Keras models do."""

    def __init__(self, config: dict) -> None:
        self.config = config

    @classmethod
    def from_config(cls, config: dict) -> _ByFactory:
        return cls(config)

    def __reduce__(self) -> tuple:
        return (getattr(_ByFactory, "from_config"), (self.config,))  # noqa: B009 - the pickled call is the point


def test_the_twin_is_read_from_a_bundle_whose_model_pickles_through_a_factory(tmp_path):
    import pickle

    from model_trainer.bundle import ModelBundle
    from model_trainer.safemodel import twin_from_pickle

    twin = {"format": "safetensors", "filename": "model_final.safetensors", "data": b"x"}
    bundle = ModelBundle(kind="function", model=_ByFactory({"units": 3}), preprocess=None, task="regression")
    bundle.twin = twin
    (tmp_path / "model.pkl").write_bytes(pickle.dumps(bundle))
    assert twin_from_pickle(tmp_path / "model.pkl") == twin
