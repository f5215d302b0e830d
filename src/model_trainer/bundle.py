"""The model bundle written to ``results/model_final.pkl`` and ``load_model()`` that reads it back.

Example:
    >>> from model_trainer import load_model            # doctest: +SKIP
    >>> bundle = load_model("results/model_final.pkl")  # refuses a file whose sha256 does not match
    >>> bundle.predict(pd.read_csv("data/new.csv"))     # raw data in, target units out
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.preprocess import Preprocess


@dataclass
class ModelBundle:
    kind: str
    model: Any
    preprocess: Preprocess
    task: str = "regression"  # regression | binary | multiclass
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def features(self) -> list[str]:
        return self.preprocess.features

    def describe(self) -> str:
        return f"{self.kind} model {type(self.model).__name__} on {len(self.features)} features"

    def summary(self) -> pd.DataFrame:
        """The fit's table of estimates (estimate, SE, 95% interval, bound flags) as recorded when it was trained;
        ``.attrs`` carries the interval method, NLL, AIC, BIC and the number of observations."""
        table = self.info.get("estimates")
        if not table:
            raise AttributeError(f"this {self.kind} model has no table of estimates (only kind = \"mle\" fits "
                                 "record one)")
        out = pd.DataFrame(table["rows"]).set_index("parameter")
        out.attrs.update({k: v for k, v in table.items() if k != "rows"})
        return out

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Predictions for raw rows, in the target's own units."""
        x = self.preprocess.transform(frame)
        if self.kind == "mle":  # the user's predict(theta, data) reads whatever columns it needs
            return np.asarray(self.model.predict(x))
        x = x[self.features]
        if self.kind == "torch":
            out = _torch_predict(self.model, x.to_numpy(dtype=np.float32), self.task)
        elif hasattr(self.model, "predict"):
            out = np.asarray(self.model.predict(x))
        else:
            raise AttributeError(f"the trained {type(self.model).__name__} has no predict(); call "
                                 "bundle.model directly")
        return self.preprocess.inverse_target(out) if self.task == "regression" else out


def _torch_predict(model: Any, x: np.ndarray, task: str) -> np.ndarray:
    import torch

    model.eval()
    device = next(model.parameters()).device
    with torch.no_grad():
        out = model(torch.from_numpy(x).to(device)).float().cpu()
    if task == "multiclass":
        return out.argmax(dim=1).numpy()
    out = out.reshape(len(x), -1)[:, 0] if out.ndim > 1 else out
    if task == "binary":
        return (out > 0).numpy().astype(np.int64)  # logits: 0 is the 0.5 probability boundary
    return out.numpy().astype(np.float64)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".manifest.json")


class IntegrityError(Exception):
    """The model file does not match the hash its manifest recorded."""


def load_model(path: str | Path) -> ModelBundle:
    """Load a bundle after checking its sha256 against the manifest written beside it."""
    p = Path(path)
    mpath = manifest_path(p)
    if not mpath.exists():
        raise IntegrityError(f"{mpath}: no manifest beside the model file, so its integrity cannot be checked")
    manifest = json.loads(mpath.read_text())
    digest = sha256_of(p)
    if digest != manifest.get("sha256"):
        raise IntegrityError(f"{p}: sha256 {digest[:16]}... does not match the manifest's "
                             f"{str(manifest.get('sha256'))[:16]}...; the file was changed or truncated "
                             "after it was written. Retrain, or restore the original file.")
    code_dir = manifest.get("code_dir")
    module = manifest.get("module")
    if code_dir:
        if code_dir in sys.path:
            sys.path.remove(code_dir)
        sys.path.insert(0, code_dir)  # the user's classes live in their own module
        loaded = sys.modules.get(module) if module else None
        if loaded is not None and not str(getattr(loaded, "__file__", "")).startswith(code_dir):
            # another workspace's module of the same name: its classes are not this model's
            del sys.modules[module]
    with open(p, "rb") as f:
        return pickle.load(f)
