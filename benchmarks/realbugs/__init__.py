"""Small real bugs, ported to PyTorch: the "real bugs" figure of the repair benchmark.

Each bug reproduces, on small data, a fault reported in a public benchmark or a recurring public
report: AutoTrainer's demo subjects on scikit-learn's circle and blob data (vanishing gradients,
an oscillating loss, unnormalised inputs), and the fault categories that DeepFD and defect
collections built from Stack Overflow and GitHub reports catalogue (an activation on the output
of a regression, a learning rate too small to learn XOR, unnormalised pixels, a missing
``zero_grad``, a last batch of one under BatchNorm, a regression target cast to an integer type,
too few epochs). The code is written here; nothing is copied. Each bug has its fixed twin (the
fix the report settled on) and the same ground-truth fields as the generated programs.

Example:
    >>> [b.name for b in BUGS][:2]
    ['autotrainer_circle_vanishing', 'autotrainer_blob_oscillating']
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faults.datasets import TARGET, split
from faults.generate import healthy_ok
from faults.operators.base import Operator
from faults.programs import NETS, TORCH_FN, Program
from faults.reproduce import run_plain

DEEP_NET = '''
class Net(nn.Module):
    """Five hidden layers, as in the subject: deep enough for saturating units to starve the first layers."""

    def __init__(self, n_features, config):
        super().__init__()
        h = int(config["hidden_units"])
        act = ACT[config["activation"]]
        layers = [nn.Linear(n_features, h), act()]
        for _ in range(4):
            layers += [nn.Linear(h, h), act()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(h, N_OUT)

    def forward(self, x):
        z = self.body(x)
        return self.head(z)
'''


def _frame(x: np.ndarray, y: np.ndarray, task: str, seed: int, standardize: bool = True) -> pd.DataFrame:
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order].astype(float), y[order]
    if standardize:
        x = (x - x.mean(axis=0)) / x.std(axis=0)
    f = pd.DataFrame(np.round(x, 6), columns=[f"x{i}" for i in range(x.shape[1])])
    f[TARGET] = y.astype(int) if task != "regression" else np.round(y.astype(float), 6)
    return f


def circles(seed: int) -> pd.DataFrame:
    from sklearn.datasets import make_circles

    x, y = make_circles(n_samples=600, noise=0.08, factor=0.5, random_state=seed)
    return _frame(x, y, "binary", seed)


def blobs(seed: int, scale: float = 1.0) -> pd.DataFrame:
    from sklearn.datasets import make_blobs

    x, y = make_blobs(n_samples=600, centers=3, n_features=4, cluster_std=2.0, random_state=seed)
    f = _frame(x, y, "multiclass", seed)
    if scale != 1.0:
        for c in f.columns[:-1]:
            f[c] = (f[c] * scale + 5 * scale).round(2)
    return f


def xor(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centers = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=float)
    lab = np.array([0, 0, 1, 1])
    k = rng.integers(0, 4, size=600)
    x = centers[k] + 0.35 * rng.normal(size=(600, 2))
    return _frame(x, lab[k], "binary", seed, standardize=False)


def digits_raw(seed: int) -> pd.DataFrame:
    from sklearn.datasets import load_digits

    d = load_digits()
    keep = d.data.std(axis=0) > 0
    f = _frame(d.data[:, keep], d.target, "multiclass", seed, standardize=False)
    return f.iloc[:800].reset_index(drop=True)


def friedman(seed: int) -> pd.DataFrame:
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=600, n_features=6, noise=0.5, random_state=seed)
    return _frame(x, (y - y.mean()) / y.std(), "regression", seed)


@dataclass
class RealBug:
    name: str
    source: str                       # where the bug comes from, in words
    data: Callable[[int], pd.DataFrame]
    task: str
    net: str
    config: dict
    bug: Callable[[Program], None]    # turns the fixed program into the buggy one
    op: Operator                      # ground truth and the observable effect
    seed: int = 0
    # what the report's program has by design and its fix keeps (a BatchNorm layer): in the twin too
    design: Callable[[Program], None] | None = None

    def programs(self) -> tuple[Program, Program]:
        frame = self.data(self.seed)
        train, val = split(frame)
        n_out = int(frame[TARGET].nunique()) if self.task == "multiclass" else 1
        code = TORCH_FN.format(task=self.task, n_out=n_out, net=self.net.strip())
        fixed = Program(pid=f"realbug-{self.name}", seed=self.seed, base="mlp_fn", dataset=self.name,
                        kind="function", task=self.task, code=code.lstrip(), config=dict(self.config), train=train,
                        val=val, metric="rmse" if self.task == "regression" else "accuracy")
        if self.design is not None:
            self.design(fixed)
        buggy = fixed.clone()
        self.bug(buggy)
        self.op.inject(buggy, None)  # type: ignore[arg-type]
        buggy.pid = f"realbug-{self.name}"
        buggy.description = f"{self.op.description} (source: {self.source})"
        return buggy, fixed


def _cfg(**kw: object) -> Callable[[Program], None]:
    def bug(p: Program) -> None:
        p.config.update(kw)
    return bug


def _code(old: str, new: str) -> Callable[[Program], None]:
    def bug(p: Program) -> None:
        p.replace(old, new)
    return bug


def _both(*bugs: Callable[[Program], None]) -> Callable[[Program], None]:
    def bug(p: Program) -> None:
        for b in bugs:
            b(p)
    return bug


def _scale_features(factor: float) -> Callable[[Program], None]:
    def bug(p: Program) -> None:
        for c in p.train.columns[:-1]:
            p.train[c] = (p.train[c] * factor + factor).round(3)
            p.val[c] = (p.val[c] * factor + factor).round(3)
    return bug


def _batchnorm(p: Program) -> None:
    p.replace("self.body = nn.Sequential(nn.Linear(n_features, h), act(),",
              "self.body = nn.Sequential(nn.Linear(n_features, h), nn.BatchNorm1d(h), act(),")


def _last_batch_of_one(p: Program) -> None:
    n = len(p.train)
    keep = (n // 32) * 32 + 1 if (n // 32) * 32 + 1 <= n else (n // 32 - 1) * 32 + 1
    p.train = p.train.iloc[:keep].reset_index(drop=True)
    p.config["batch_size"] = 32


def _gt(name: str, effect: str, symptoms: tuple[str, ...], causes: tuple[str, ...], repairable: bool,
        description: str, error_text: str = "") -> Operator:
    return Operator(name=name, family="realbug", symptoms=symptoms, causes=causes, repairable=repairable,
                    effect=effect, description=description, error_text=error_text)


class _Fixed(Operator):
    """A ground-truth record whose mutation is done by the bug itself (``inject`` only labels)."""

    def apply(self, p: Program, rng: object) -> None:
        return None


def _label(op: Operator) -> Operator:
    fixed = _Fixed(**{k: getattr(op, k) for k in ("name", "family", "symptoms", "causes", "repairable", "effect",
                                                   "description", "error_text")})
    return fixed


SGD = {"optimizer": "sgd", "momentum": 0.0, "weight_decay": 0.0, "batch_size": 32, "epochs": 60,
       "hidden_units": 32, "activation": "relu"}
ADAM = {"optimizer": "adam", "momentum": 0.0, "weight_decay": 0.0, "batch_size": 64, "epochs": 60,
        "hidden_units": 32, "activation": "relu", "lr": 0.01}
MLP = NETS["mlp_fn"]

BUGS: list[RealBug] = [
    RealBug("autotrainer_circle_vanishing", "AutoTrainer demo subject Gradient_Vanish_Case (circle data; "
            "AutoTrainer's repairs there: ReLU, BatchNorm or SELU)", circles, "binary", DEEP_NET,
            {**SGD, "lr": 0.05, "momentum": 0.9}, _cfg(activation="sigmoid"),
            _label(_gt("circle_vanishing", "worse", ("vanishing_gradients", "underfitting", "slow_convergence",
                                                      "constant_output"),
                       ("saturating_activation",), True, "deep sigmoid MLP on circles: gradients vanish"))),
    RealBug("autotrainer_blob_oscillating", "AutoTrainer demo subject Oscillating_Loss_Case (blob data; "
            "AutoTrainer's repair there: switch to Adam)", blobs, "multiclass", MLP, {**SGD, "lr": 0.05},
            _cfg(lr=3.0, momentum=0.9),
            _label(_gt("blob_oscillating", "nonfinite_or_worse", ("oscillating_loss", "nan_loss",
                                                                   "exploding_gradients", "dying_relu"),
                       ("learning_rate_too_high",), True, "SGD lr 3.0 with momentum 0.9 on blobs"))),
    RealBug("autotrainer_circle_dying_relu", "AutoTrainer's dying-ReLU problem class on its circle subject",
            circles, "binary", MLP, {**SGD, "lr": 0.05}, _cfg(lr=4.0),
            _label(_gt("circle_dying_relu", "nonfinite_or_worse", ("dying_relu", "constant_output", "nan_loss",
                                                                    "exploding_gradients", "oscillating_loss"),
                       ("learning_rate_too_high",), True, "ReLU MLP with SGD lr 4.0: units die"))),
    RealBug("autotrainer_blob_unnormalized", "AutoTrainer demo subject Data_Issue_case (unnormalised input)",
            blobs, "multiclass", MLP, {**SGD, "lr": 0.05}, _scale_features(300.0),
            _label(_gt("blob_unnormalized", "nonfinite_or_worse", ("nan_loss", "exploding_gradients",
                                                                    "oscillating_loss", "underfitting",
                                                                    "slow_convergence", "dying_relu"),
                       ("unscaled_features",), True, "blob features in raw units (x300, offset 300)"))),
    RealBug("so_regression_softmax_output", "recurring Stack Overflow report catalogued by DeepFD-style "
            "benchmarks: a regression whose single output unit goes through softmax (always 1.0)", friedman,
            "regression", MLP, dict(ADAM),
            _code("        return self.head(z)", "        return torch.softmax(self.head(z), dim=1)"),
            _label(_gt("regression_softmax_output", "constant", ("constant_output", "underfitting",
                                                                  "vanishing_gradients"),
                       ("output_range_mismatch", "loss_mismatch"), False, "softmax over one regression output"))),
    RealBug("so_regression_sigmoid_output", "recurring Stack Overflow report (activation on the output layer "
            "of a regression; DeepFD fault category 'activation')", friedman, "regression", MLP, dict(ADAM),
            _code("        return self.head(z)", "        return torch.sigmoid(self.head(z))"),
            _label(_gt("regression_sigmoid_output", "worse", ("underfitting", "constant_output",
                                                               "vanishing_gradients", "slow_convergence"),
                       ("output_range_mismatch",), False, "sigmoid on a regression output"))),
    RealBug("so_xor_lr_too_small", "recurring Stack Overflow report: an XOR network that never learns "
            "(learning rate far too small)", xor, "binary", MLP, {**SGD, "lr": 0.1, "momentum": 0.9},
            _cfg(lr=1e-5),
            _label(_gt("xor_lr_too_small", "worse", ("slow_convergence", "underfitting"),
                       ("learning_rate_too_low",), True, "SGD lr 1e-5 on XOR"))),
    RealBug("so_digits_unnormalized", "recurring Stack Overflow report: pixel values fed unscaled "
            "(DeepFD fault category 'preprocessing')", digits_raw, "multiclass", MLP, {**SGD, "lr": 0.05},
            _scale_features(16.0),
            _label(_gt("digits_unnormalized", "nonfinite_or_worse", ("nan_loss", "exploding_gradients",
                                                                      "oscillating_loss", "underfitting",
                                                                      "dying_relu"),
                       ("unscaled_features",), True, "raw pixel intensities x16 (0..256) into an SGD MLP"))),
    RealBug("forum_missing_zero_grad", "recurring PyTorch forum report: optimizer.zero_grad() missing "
            "from the loop", friedman, "regression", MLP, {**SGD, "lr": 0.01, "momentum": 0.9},
            _code("            opt.zero_grad()\n", ""),
            _label(_gt("missing_zero_grad", "nonfinite_or_worse", ("exploding_gradients", "nan_loss",
                                                                    "oscillating_loss", "underfitting"),
                       ("training_loop_bug",), False, "gradients accumulate across steps"))),
    RealBug("forum_batchnorm_batch_of_one", "recurring PyTorch forum report: 'Expected more than 1 value per "
            "channel when training' from a last batch of one row under BatchNorm", friedman, "regression", MLP,
            dict(ADAM), _last_batch_of_one,
            _label(_gt("batchnorm_batch_of_one", "error", ("training_error",),
                       ("code_error", "training_loop_bug", "invalid_data"), True,
                       "BatchNorm and a batch_size that leaves one row over",
                       error_text="more than 1 value per channel")), design=_batchnorm),
    RealBug("forum_long_regression_target", "recurring PyTorch forum report: a regression target converted "
            "with .long() (LongTensor) before MSELoss", friedman, "regression", MLP, dict(ADAM),
            _code("    y = torch.tensor(frame[TARGET].to_numpy(dtype=np.float32))\n",
                  "    y = torch.tensor(frame[TARGET].to_numpy(dtype=np.float32)).long().float()\n"),
            _label(_gt("long_regression_target", "worse", ("underfitting", "slow_convergence", "constant_output"),
                       ("label_corruption",), False, "target truncated to integers"))),
    RealBug("deepfd_too_few_epochs", "DeepFD fault category 'training iterations': too few epochs", circles,
            "binary", MLP, dict(ADAM), _cfg(epochs=2),
            _label(_gt("too_few_epochs", "worse", ("slow_convergence", "underfitting"), ("insufficient_training",),
                       True, "2 epochs"))),
]


def generate_realbugs(out_dir: Path, verbose: bool = True, only: str | None = None) -> dict:
    """Check every real bug (or those whose name contains ``only``) against its fixed twin; the manifest."""
    import torch

    torch.set_num_threads(1)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    records = []
    for bug in [b for b in BUGS if not only or only in b.name]:
        buggy, fixed = bug.programs()
        out, tout = run_plain(buggy), run_plain(fixed)
        problem = healthy_ok(tout)
        why = None if problem else bug.op.reproduced(out, tout)
        truth = {**buggy.truth(), "source": bug.source}
        rec = {"truth": truth, "run": out.to_json(), "twin_run": tout.to_json(),
               "twin_metric": tout.metric if np.isfinite(tout.metric) else None, "twin_target_std": tout.target_std,
               "kept": why is not None,
               "evidence": why or (f"fixed twin is not healthy: {problem}" if problem else "bug did not show")}
        if rec["kept"]:
            spec = buggy.write(out_dir / buggy.pid)
            (spec.parent / "truth.json").write_text(json.dumps(truth, indent=2) + "\n")
            rec["path"] = buggy.pid
        records.append(rec)
        if verbose:
            print(f"{'kept ' if rec['kept'] else 'DROP '} {buggy.pid:50s} {rec['evidence']}", flush=True)
    summary = {"bugs": len(records), "kept": sum(r["kept"] for r in records),
               "dropped": [r["truth"]["id"] for r in records if not r["kept"]]}
    manifest = {"seconds": round(time.perf_counter() - t0, 1), "summary": summary, "programs": records}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, default=str) + "\n")
    return manifest


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Check and write the ported real bugs.")
    ap.add_argument("--out", type=Path, required=True)
    m = generate_realbugs(ap.parse_args().out)
    print(json.dumps(m["summary"]), f"{m['seconds']} s")
