"""Overhead of the built-in torch loop against a plain PyTorch loop, and the event throughput.

Both loops train the same 3-layer MLP from the same initial weights on the same batches (same
seed, same permutation generator), compute the epoch's mean train loss and a validation pass per
epoch. Two figures:

* per-step: both loops in this process, alternated, median of the repetitions;
* whole process: ``model-trainer train`` (child process, events, log, history, model and manifest)
  against ``python plain.py`` that trains and ``torch.save``s the model, median of the repetitions.

A third figure is the event throughput: a function-mode loop that only calls ``monitor.log_epoch``
as fast as it can (``--events`` times); every epoch must reach the run's history.csv. The rate is the
loop's own, so it includes the back-pressure of the pipe when the supervisor falls behind.

Usage: python benchmarks/overhead.py [--rows 20000] [--epochs 3] [--reps 5] [--hidden 128] [--events 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
BUILD = """
import torch
from torch import nn

def build_model(config, n_features):
    h = int(config["hidden_units"])
    return nn.Sequential(nn.Linear(n_features, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 1))
"""

PLAIN = """
import sys, time
import numpy as np, pandas as pd, torch
sys.path.insert(0, "code")
from model import build_model

def main(cfg, train_path, val_path, out=None):
    train, val = pd.read_csv(train_path), pd.read_csv(val_path)
    torch.manual_seed(cfg["seed"])
    feats = [c for c in train.columns if c != "y"]
    xt = torch.tensor(train[feats].to_numpy(dtype=np.float32))
    yt = torch.tensor(train["y"].to_numpy(dtype=np.float32)).reshape(-1, 1)
    xv = torch.tensor(val[feats].to_numpy(dtype=np.float32))
    yv = torch.tensor(val["y"].to_numpy(dtype=np.float32)).reshape(-1, 1)
    model = build_model(cfg, len(feats))
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    loss_fn = torch.nn.MSELoss()
    gen = torch.Generator().manual_seed(cfg["seed"])
    n, bs = len(xt), cfg["batch_size"]
    for epoch in range(cfg["epochs"]):
        model.train()
        perm = torch.randperm(n, generator=gen)
        total = torch.zeros(())
        steps = 0
        for s in range(0, n, bs):
            idx = perm[s:s + bs]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.detach()
            steps += 1
        model.eval()
        with torch.no_grad():
            val_loss = float(loss_fn(model(xv), yv))
        if out:
            print(f"epoch {epoch + 1} train_loss {float(total) / steps:.4f} val_loss {val_loss:.4f}")
    if out:
        torch.save(model, out)
    return model

if __name__ == "__main__":
    import json
    cfg = json.loads(sys.argv[1])
    main(cfg, "data/train.csv", "data/val.csv", "plain_model.pt")
"""


def make_workspace(root: Path, rows: int, epochs: int, hidden: int) -> dict:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 32))
    frame = pd.DataFrame(x, columns=[f"f{i}" for i in range(32)])
    frame["y"] = np.tanh(x[:, :8]).sum(axis=1) + 0.1 * rng.normal(size=rows)
    (root / "code").mkdir(parents=True)
    (root / "data").mkdir()
    cut = int(rows * 0.8)
    frame.iloc[:cut].to_csv(root / "data/train.csv", index=False)
    frame.iloc[cut:].to_csv(root / "data/val.csv", index=False)
    (root / "code/model.py").write_text(textwrap.dedent(BUILD))
    (root / "plain.py").write_text(textwrap.dedent(PLAIN))
    cfg = {"lr": 0.01, "optimizer": "sgd", "momentum": 0.9, "batch_size": 64, "epochs": epochs, "seed": 0,
           "hidden_units": hidden}
    body = "\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in cfg.items())
    (root / "spec.toml").write_text(
        '[model]\nentrypoint = "code/model.py:build_model"\nkind = "torch"\nmetric = "rmse"\n\n'
        '[data]\ntrain = "data/train.csv"\nval = "data/val.csv"\ntarget = "y"\n\n'
        f"[config]\n{body}\n")
    return cfg


def per_step(root: Path, cfg: dict, reps: int) -> tuple[float, float]:
    import torch

    from model_trainer.engine.job import Job
    from model_trainer.engine.monitor import Monitor
    from model_trainer.kinds import torch as torch_kind

    torch.set_num_threads(1)
    sys.path.insert(0, str(root))
    ns: dict = {}
    exec(compile(textwrap.dedent(PLAIN).replace('sys.path.insert(0, "code")', f'sys.path.insert(0, "{root}/code")'),
                 "plain", "exec"), ns)
    job = Job(run_id="bench", kind="torch", entry_file=str(root / "code/model.py"), module_name=None,
              function="build_model", config=cfg, train_path=str(root / "data/train.csv"),
              val_path=str(root / "data/val.csv"), target="y")
    # Both read the CSVs and train; neither pays for process start-up here.
    ours, plain = [], []
    for _ in range(reps):
        events: list = []
        t = time.perf_counter()
        torch_kind.run(job, Monitor(events.append), events.append)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        ns["main"](cfg, root / "data/train.csv", root / "data/val.csv")
        plain.append(time.perf_counter() - t)
    ratios = [o / p for o, p in zip(ours, plain, strict=True)]
    return statistics.median(ours), statistics.median(plain), statistics.median(ratios)


def _env() -> dict[str, str]:
    # one thread each; PYTHONPATH kept so that a checkout's own sources are the ones measured
    env = {"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    for key in ("PYTHONPATH", "CUDA_VISIBLE_DEVICES"):  # CUDA_VISIBLE_DEVICES= keeps both loops on the CPU
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def whole_process(root: Path, cfg: dict, reps: int) -> tuple[float, float]:
    ours, plain = [], []
    for i in range(reps):
        out = root / f"ws{i}"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "model_trainer", "train", str(root / "spec.toml"), "--out", str(out),
                        "--quiet"], check=True, cwd=root, env=_env())
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([sys.executable, "plain.py", json.dumps(cfg)], check=True, cwd=root, capture_output=True,
                       env=_env())
        plain.append(time.perf_counter() - t)
    ratios = [o / p for o, p in zip(ours, plain, strict=True)]
    return statistics.median(ours), statistics.median(plain), statistics.median(ratios)


FAST = """
import time

class Constant:
    def predict(self, frame):
        return [0.0] * len(frame)

def train_model(data_train, data_val, config, monitor):
    n = config["epochs"]
    t = time.perf_counter()
    for i in range(n):
        monitor.log_epoch(train_loss=1.0 / (i + 1), val_loss=2.0 / (i + 1))
    print(f"RATE {n / (time.perf_counter() - t):.0f}")
    return Constant()
"""


def event_throughput(root: Path, events: int) -> tuple[float, int, str]:
    """The user's loop rate in epochs/s, the rows recorded, and the run's status."""
    ws = root / "events"
    (ws / "code").mkdir(parents=True)
    shutil.copytree(root / "data", ws / "data")
    (ws / "code/model.py").write_text(FAST)
    (ws / "spec.toml").write_text(
        '[model]\nentrypoint = "code/model.py:train_model"\nmetric = "rmse"\n\n'
        '[data]\ntrain = "data/train.csv"\nval = "data/val.csv"\ntarget = "y"\n\n'
        f"[config]\nepochs = {events}\n")
    subprocess.run([sys.executable, "-m", "model_trainer", "train", "spec.toml", "--quiet"], cwd=ws, env=_env(),
                   capture_output=True)
    found = re.search(r"stdout: RATE (\d+)", (ws / "training_full.log").read_text())
    (run,) = (ws / "results/runs").iterdir()
    rows = sum(1 for _ in open(run / "history.csv")) - 1
    # a supervisor that loses the end of the output also loses this line: then the rate is unknown (nan)
    return float(found[1]) if found else float("nan"), rows, json.loads((run / "outcome.json").read_text())["status"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--events", type=int, default=50000)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mt-bench-"))
    try:
        cfg = make_workspace(root, args.rows, args.epochs, args.hidden)
        steps = (args.rows * 4 // 5 + 63) // 64 * args.epochs
        o, p, r = per_step(root, cfg, args.reps)
        print(f"per-step (in process, 1 thread): model-trainer {o / steps * 1e6:.1f} us/step, plain "
              f"{p / steps * 1e6:.1f} us/step, overhead {100 * (r - 1):+.1f}% (median of {args.reps} paired "
              f"runs of {steps} steps)")
        o, p, r = whole_process(root, cfg, max(3, args.reps // 2))
        print(f"whole process (start-up and artifacts included): model-trainer {o:.2f}s, plain {p:.2f}s, "
              f"overhead {100 * (r - 1):+.1f}% (median of paired runs)")
        if args.events:
            rate, rows, status = event_throughput(root, args.events)
            print(f"event throughput: {args.events} epochs logged at {rate:.0f} epochs/s by the user's loop; "
                  f"{rows} rows recorded, run {status}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
