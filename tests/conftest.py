from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


@dataclass
class Project:
    root: Path

    @property
    def spec(self) -> Path:
        return self.root / "spec.toml"

    def file(self, rel: str) -> Path:
        return self.root / rel

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text()

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts}


def linear_data(n: int = 240, seed: int = 0, scale: tuple[float, ...] = (1.0, 1.0, 1.0)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(scale))) * np.asarray(scale)
    w = np.array([1.0, -2.0, 0.5][: len(scale)]) / np.asarray(scale)
    frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(len(scale))])
    frame["y"] = x @ w + 0.1 * rng.normal(size=n)
    return frame


def make_project(root: Path, code: str, *, config: str = "", model: str = "", budget: str = "",
                 data: pd.DataFrame | None = None, extra: str = "", entry: str = "code/model.py:train_model",
                 kind: str = "function") -> Project:
    (root / "code").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    frame = linear_data() if data is None else data
    cut = int(len(frame) * 0.75)
    frame.iloc[:cut].to_csv(root / "data/train.csv", index=False)
    frame.iloc[cut:].to_csv(root / "data/val.csv", index=False)
    (root / "code/model.py").write_text(textwrap.dedent(code))
    spec = (f'[model]\nentrypoint = "{entry}"\nkind = "{kind}"\nmetric = "rmse"\n{model}\n'
            '[data]\ntrain = "data/train.csv"\nval = "data/val.csv"\ntarget = "y"\n\n'
            f"[config]\n{textwrap.dedent(config)}\n")
    if budget:
        spec += f"[budget]\n{textwrap.dedent(budget)}\n"
    spec += textwrap.dedent(extra)
    (root / "spec.toml").write_text(spec)
    return Project(root)


@pytest.fixture
def project(tmp_path: Path):
    def _make(code: str, **kw: object) -> Project:
        return make_project(tmp_path, code, **kw)  # type: ignore[arg-type]
    return _make


def cli(*args: str, cwd: Path | None = None, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "model_trainer", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def cli_interrupt(args: list[str], *, after_line: str, cwd: Path | None = None) -> tuple[int, str]:
    """Start the CLI, wait until `after_line` appears on stdout, send SIGINT as a terminal's Ctrl-C does."""
    proc = subprocess.Popen([sys.executable, "-m", "model_trainer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=cwd)
    out = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        out.append(line)
        if after_line in line:
            break
        assert time.monotonic() < deadline, "".join(out)
    os.kill(proc.pid, signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    return proc.returncode, "".join(out) + rest


LINEAR_GD = """
import numpy as np

class Linear:
    def __init__(self, w):
        self.w = w
    def predict(self, frame):
        return frame.to_numpy() @ self.w

def _xy(frame):
    return frame.drop(columns=["y"]).to_numpy(), frame["y"].to_numpy()

def train_model(data_train, data_val, config, monitor):
    x, y = _xy(data_train)
    xv, yv = _xy(data_val)
    w = np.zeros(x.shape[1])
    for epoch in range(config["epochs"]):
        g = 2 * x.T @ (x @ w - y) / len(y)
        w = w - config["lr"] * g
        err = xv @ w - yv
        monitor.log_epoch(train_loss=float(np.mean((x @ w - y) ** 2)), val_loss=float(np.mean(err ** 2)),
                          metric=float(np.sqrt(np.mean(err ** 2))), grad_norm=float(np.linalg.norm(g)),
                          lr=config["lr"])
        if monitor.should_stop:
            break
    return Linear(w)
"""


@pytest.fixture(scope="session")
def repaired_workspace(tmp_path_factory) -> Path:
    """One real workspace for the tests that read a finished investigation (gates, consistency, hand-off): a
    tiny project whose unscaled features make the gradients explode, repaired by standardising. Tests that alter
    it work on a copy (``copy_workspace``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from scenarios import SCENARIOS

    root = tmp_path_factory.mktemp("ws")
    sc = next(s for s in SCENARIOS if s.name == "function_unscaled_features")
    res = cli("train", str(sc.write(root)), "--quiet")
    assert res.returncode == 0, res.stderr
    return root


def copy_workspace(src: Path, dst: Path) -> Path:
    """A copy to alter; every path in the records is relative, so nothing needs rewriting. The gates' own reports
    are left behind so that each test's run of the gates writes them afresh."""
    import shutil

    shutil.copytree(src, dst)
    for name in ("quality_gates.json", "quality_gates.md"):
        (dst / name).unlink(missing_ok=True)
    return dst

