"""The model bundle written to ``results/model_final.pkl`` and ``load_model()`` that reads it back.

Example:
    >>> from model_trainer import load_model            # doctest: +SKIP
    >>> bundle = load_model("results/model_final.pkl")  # the safe twin; sha256 checked against the manifest
    >>> bundle.predict(pd.read_csv("data/new.csv"))     # raw data in, target units out
    >>> load_model("results/model_final.pkl", allow_pickle=True)  # only for a model with no safe twin
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.preprocess import Preprocess, with_passthrough


@dataclass
class ModelBundle:
    kind: str
    model: Any
    preprocess: Preprocess
    task: str = "regression"  # regression | binary | multiclass
    info: dict[str, Any] = field(default_factory=dict)
    twin: dict[str, Any] | None = None  # the safe twin's bytes and rebuild record (safemodel.attach_twin)

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
        if self.kind == "torch" or _is_torch_module(self.model):
            out = _torch_predict(self.model, x[self.features].to_numpy(dtype=np.float32), self.task)
        elif hasattr(self.model, "predict"):
            # a model of the user's own may read the columns it was handed beside the features
            raw = with_passthrough(self.model.predict, self.features)(x[self.preprocess.model_columns(x)])
            out = as_labels(np.asarray(raw), self.task)
        else:
            raise AttributeError(f"the trained {type(self.model).__name__} has no predict(); call "
                                 "bundle.model directly")
        return self.preprocess.inverse_target(out) if self.task == "regression" else out


def _is_torch_module(obj: Any) -> bool:
    import sys

    torch = sys.modules.get("torch")
    return torch is not None and isinstance(obj, torch.nn.Module)


def _torch_predict(model: Any, x: np.ndarray, task: str) -> np.ndarray:
    import torch

    model.eval()
    device = next(model.parameters()).device
    with torch.no_grad():
        # a frame's values can be a read-only view; torch wants memory it may write
        out = model(torch.from_numpy(np.require(x, requirements=("W", "C"))).to(device)).float().cpu()
    if task != "regression":
        return as_labels(out.numpy(), task)
    out = out.reshape(len(x), -1)[:, 0] if out.ndim > 1 else out
    return out.numpy().astype(np.float64)


def as_labels(out: np.ndarray, task: str) -> np.ndarray:
    """Class labels (integer codes, as the target holds them) from what a classifier returns: one score per class
    (logits or probabilities: the largest), one column of probabilities (above 0.5) or of logits (above 0), or the
    labels themselves. A regression's output is returned as it is.

    Example:
        >>> as_labels(np.array([[0.1, 2.0, -1.0], [3.0, 0.0, 0.0]]), "multiclass").tolist()
        [1, 0]
        >>> as_labels(np.array([[0.2], [0.7]]), "binary").tolist(), as_labels(np.array([-1.5, 0.3]), "binary").tolist()
        ([0, 1], [0, 1])
    """
    if task == "regression":
        return out
    if out.ndim > 1 and out.shape[1] > 1:
        return out.argmax(axis=1).astype(np.int64)
    out = out.reshape(len(out), -1)[:, 0] if out.ndim > 1 else out
    if not np.issubdtype(out.dtype, np.floating) or not np.isfinite(out).all() or np.array_equal(out, np.round(out)):
        return out  # labels already (or values no threshold makes into labels)
    if task == "binary":
        boundary = 0.5 if ((out >= 0) & (out <= 1)).all() else 0.0  # probabilities, else logits
        return (out > boundary).astype(np.int64)
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".manifest.json")


class IntegrityError(Exception):
    """A model file, its twin or its recorded code does not match the sha256 its manifest recorded."""


class UnsafeModelError(Exception):
    """Loading would unpickle, which can run any code the file holds; the caller did not allow it."""


def load_model(path: str | Path, *, allow_pickle: bool = False) -> ModelBundle:
    """Load the accepted model: its safe twin when there is one, the pickle only with ``allow_pickle=True``.

    Every file is checked against the sha256 in the manifest beside it. Code the model needs (the
    user's ``build_model``, ``predict`` or classes) is imported only from the copy recorded in the
    workspace (``results/code/<run_id>/``), never from where the manifest says the code once was.
    """
    p = Path(path)
    mpath = manifest_path(p)
    if not mpath.exists():
        raise IntegrityError(f"{mpath}: no manifest beside the model file, so its integrity cannot be checked")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IntegrityError(f"{mpath}: not valid JSON ({exc}); restore it or retrain") from exc
    if not isinstance(manifest, dict):
        raise IntegrityError(f"{mpath}: expected a JSON object; restore it or retrain")
    root = p.resolve().parent.parent  # model files live in <workspace>/results/
    code = _verified_code(root, manifest.get("code"))
    twin = manifest.get("twin")
    if isinstance(twin, dict) and twin.get("keras_backend"):
        _keras_backend(str(twin["keras_backend"]))
    why_pickle = "it has no safe twin (no safe format fits this kind of model object)"
    if isinstance(twin, dict) and twin.get("path"):
        from model_trainer.safemodel import NeedsPickle, preprocess_from, read_twin

        tpath = _inside(root, twin["path"])
        _check(tpath, twin.get("sha256"))
        try:
            model, meta = read_twin(tpath, twin, code)
            return ModelBundle(kind=meta.get("kind", manifest.get("kind", "function")), model=model,
                               preprocess=preprocess_from(meta), task=meta.get("task", "regression"),
                               info=meta.get("info", {}))
        except NeedsPickle as exc:
            why_pickle = f"its safe twin {twin['path']} holds the weights, but {exc}"
    if not allow_pickle:
        raise UnsafeModelError(
            f"{p}: {why_pickle}, so loading means unpickling, and unpickling runs whatever code the file "
            "holds (a matching sha256 proves the file is unchanged, not that it is safe). If you trust who "
            "wrote this workspace, call load_model(path, allow_pickle=True).")
    _check(p, manifest.get("sha256"))
    if code is not None and manifest.get("module"):
        from model_trainer.safemodel import import_user

        if (code / f"{manifest['module']}.py").is_file():
            import_user(code, str(manifest["module"]))
    with open(p, "rb") as f:
        return pickle.load(f)


def _keras_backend(backend: str) -> None:
    """Keras reads ``KERAS_BACKEND`` once, at its first import: a model whose run imported Keras on one backend is
    loaded on the same one where nothing in this process chose one yet. (A run may import Keras for a model that is
    not Keras's, so a process that already chose another backend is left as it is.)"""
    if "keras" not in sys.modules:
        os.environ.setdefault("KERAS_BACKEND", backend)


def _inside(root: Path, rel: str) -> Path:
    target = (root / rel).resolve()
    if root != target and root not in target.parents:
        raise IntegrityError(f"the manifest names {rel!r}, outside the workspace {root}; nothing is loaded from "
                             "outside the workspace")
    return target


def _check(path: Path, expected: Any) -> None:
    if not path.is_file():
        raise IntegrityError(f"{path}: missing; the manifest beside it names it. Restore it or retrain.")
    digest = sha256_of(path)
    if digest != expected:
        raise IntegrityError(f"{path}: sha256 {digest[:16]}... does not match the manifest's "
                             f"{str(expected)[:16]}...; the file was changed or truncated after it was written. "
                             "Retrain, or restore the original file.")


def _verified_code(root: Path, code: Any) -> Path | None:
    """The workspace's copy of the user's code, every file checked; None when none was recorded."""
    if not isinstance(code, dict) or not code.get("dir"):
        return None
    d = _inside(root, str(code["dir"]))
    for rel, digest in (code.get("files") or {}).items():
        _check(_inside(root, f"{code['dir']}/{rel}"), digest)
    return d
