"""The safe twin of ``model_final.pkl``: model files that load without running code from the file.

Torch modules become ``model_final.safetensors`` (tensors only), scikit-learn estimators
``model_final.skops`` (loaded with an explicit list of trusted types recorded at save time), fitted
MLE parameters ``model_final.params.json``. What is needed to rebuild the model around them (the
preprocessing, the task, how to rebuild the architecture) goes into the manifest under ``twin``.

The twin is made in the training process, where the model's classes are already loaded (a kind
returns ``attach_twin(ModelBundle(...), job.entry_file)``), and travels inside the pickled bundle.
The supervising process takes it out with ``twin_from_pickle``, which imports nothing the pickle names.

Example:
    >>> twin = twin_from_pickle(Path("results/runs/RUN/model.pkl"))   # doctest: +SKIP
    >>> twin["format"], twin["filename"]                               # doctest: +SKIP
    ('safetensors', 'model_final.safetensors')
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import pickle
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model_trainer.preprocess import Preprocess


class NeedsPickle(Exception):
    """The twin holds the weights, but rebuilding the object around them needs the pickle."""


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _is_torch_module(obj: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(obj, torch.nn.Module)


def _is_sklearn(obj: Any) -> bool:
    sk = sys.modules.get("sklearn.base")
    return sk is not None and isinstance(obj, sk.BaseEstimator)


# scikit-learn's array-API layer ships a torch bridge as a package; importing it imports torch
_TORCH_BRIDGE = "sklearn.externals.array_api_compat.torch"


class _SkipTorchBridge(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> None:
        if name == _TORCH_BRIDGE or name.startswith(_TORCH_BRIDGE + "."):
            raise ImportError(f"{name} is not needed to list scikit-learn's estimators")


def import_skops() -> Any:
    """``skops.io``, imported in a third of the time where torch is not loaded yet.

    Its import lists every scikit-learn estimator by walking all of scikit-learn's packages, and the walk imports
    the array-API layer's torch bridge, hence torch (over a second), to skip it right after: ``externals`` holds no
    estimator. The bridge is refused for the length of this import only (the walk ignores a package that fails to
    import), so the list of trusted types is the same, and the bridge imports normally afterwards.
    """
    if "skops.io" in sys.modules or "torch" in sys.modules:
        return importlib.import_module("skops.io")
    skip = _SkipTorchBridge()
    sys.meta_path.insert(0, skip)
    try:
        return importlib.import_module("skops.io")
    finally:
        sys.meta_path.remove(skip)


# ---- writing: in the training process, where the model's classes are already loaded -----------------------
def twin_of(bundle: Any, module: str | None) -> dict[str, Any] | None:
    """The safe twin of ``bundle.model`` as bytes plus what rebuilding needs; None when no safe format fits."""
    model = bundle.model
    meta: dict[str, Any] = {"kind": bundle.kind, "task": bundle.task, "preprocess": asdict(bundle.preprocess),
                            "info": _jsonable({k: v for k, v in bundle.info.items() if k != "build"})}
    if _is_torch_module(model):
        from safetensors.torch import save

        state = {k: v.detach().cpu().contiguous().clone() for k, v in model.state_dict().items()}
        build = bundle.info.get("build")
        if bundle.kind == "torch" and build:
            rebuild = {"how": "build_model", "module": module, **_jsonable(build)}
        else:
            rebuild = {"how": "class", "module": type(model).__module__, "qualname": type(model).__qualname__}
        return {"format": "safetensors", "filename": "model_final.safetensors", "data": save(state),
                "bundle": meta, "rebuild": rebuild}
    if _is_sklearn(model):
        sio = import_skops()
        data = sio.dumps(model)
        return {"format": "skops", "filename": "model_final.skops", "data": data, "bundle": meta,
                "trusted": sorted(sio.get_untrusted_types(data=data))}
    if bundle.kind == "mle":
        params = {"names": list(model.names), "theta": [float(v) for v in model.theta], "module": module,
                  "estimates": _jsonable(getattr(model, "estimates", {})),
                  "diagnostics": _jsonable(getattr(model, "diagnostics", {}))}
        return {"format": "params.json", "filename": "model_final.params.json",
                "data": (json.dumps(params, indent=2) + "\n").encode("utf-8"), "bundle": meta}
    return None


def attach_twin(bundle: Any, entry_file: str | None) -> Any:
    """Give a kind's bundle its safe twin; a twin that cannot be made is recorded, never fatal to the run."""
    try:
        bundle.twin = twin_of(bundle, Path(entry_file).stem if entry_file else None)
    except Exception as exc:  # noqa: BLE001 - the pickle stays usable; the manifest says why there is no twin
        bundle.twin = {"error": f"{type(exc).__name__}: {exc}"}
    keras = sys.modules.get("keras")
    if keras is not None:
        # the run imported Keras, which picks its backend once, at its first import: the process that loads the
        # model (its twin or its pickle) must pick the same one (``bundle.load_model`` does)
        bundle.twin = {**(bundle.twin or {}), "keras_backend": str(keras.backend.backend())}
    return bundle


class _Inert:
    """Stands for any class a pickle names: built from the recorded arguments and state, running nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__["_args"] = args

    def __setstate__(self, state: Any) -> None:
        self.__dict__["_state"] = state

    def __call__(self, *args: Any, **kwargs: Any) -> _Inert:
        # what a stand-in returned is called in turn where a pickle reduces through ``getattr(cls, "from_config")``
        # (Keras models do): it stands for that call's result as well
        return _Inert(*args, **kwargs)

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def append(self, value: Any) -> None:
        pass

    def extend(self, values: Any) -> None:
        pass


class _InertUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        return type(name, (_Inert,), {"__module__": module})

    def persistent_load(self, pid: Any) -> Any:
        return None


def twin_from_pickle(pkl: Path) -> dict[str, Any] | None:
    """The twin a kind attached to the bundle in ``pkl``, read without importing or running anything it names.

    The supervising process never imports the user's code (nor torch): every class in the pickle is
    replaced by an inert stand-in, and only the plain data of the bundle's ``twin`` field is read.
    """
    with open(pkl, "rb") as f:
        top = _InertUnpickler(f).load()
    state = top.__dict__.get("_state") if isinstance(top, _Inert) else None
    if isinstance(state, tuple):  # (dict state, slot state)
        state = state[0]
    twin = state.get("twin") if isinstance(state, dict) else None
    return twin if isinstance(twin, dict) else None


# ---- reading -----------------------------------------------------------------------------------------------
def import_user(code: Path, module: str) -> Any:
    """Import ``code/<module>.py`` under its own name (pickled classes refer to it by that name).

    A module of the same name loaded from anywhere else is replaced: its classes are not this model's.
    """
    file = code / f"{module}.py"
    loaded = sys.modules.get(module)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve() == file.resolve():
        return loaded
    if str(code) not in sys.path:
        sys.path.insert(0, str(code))  # the user's file may import its siblings
    spec = importlib.util.spec_from_file_location(module, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {file}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module] = mod
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        sys.modules.pop(module, None)
        raise
    return mod


class MLEParams:
    """Fitted parameters of a ``kind = "mle"`` model; ``predict`` calls the user's ``predict(theta, data)``."""

    def __init__(self, names: list[str], theta: list[float], predict_fn: Any, diagnostics: dict[str, Any]) -> None:
        self.names = names
        self.theta = theta
        self.diagnostics = diagnostics
        self._predict = predict_fn

    @property
    def estimates(self) -> dict[str, float]:
        return dict(zip(self.names, self.theta, strict=True))

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self._predict(np.asarray(self.theta), frame), dtype=float)


def read_twin(path: Path, twin: dict[str, Any], code: Path | None) -> tuple[Any, dict[str, Any]]:
    """(model, bundle metadata) from a verified twin file; NeedsPickle when the object cannot be rebuilt."""
    fmt = twin.get("format")
    meta = twin.get("bundle") or {}
    if fmt == "skops":
        sio = import_skops()
        found = set(sio.get_untrusted_types(file=str(path)))
        allowed = set(twin.get("trusted") or [])
        extra = sorted(found - allowed)
        if extra:
            from model_trainer.bundle import IntegrityError

            raise IntegrityError(f"{path}: holds types that were not in it when it was saved ({', '.join(extra)}); "
                                 "the file was changed after it was written. Retrain, or restore the original.")
        # a pipeline may hold the user's own function or class (a FunctionTransformer of theirs): skops imports it by
        # its module's name, so that module is imported first, from the workspace's verified copy of the code
        for name in sorted(found):
            module = name.split(".")[0]
            if code is not None and (code / f"{module}.py").is_file():
                import_user(code, module)
        return sio.load(str(path), trusted=sorted(found)), meta
    if fmt == "params.json":
        params = json.loads(path.read_text(encoding="utf-8"))
        module = params.get("module")
        if not module or code is None:
            raise NeedsPickle("the model's code was not recorded in the workspace")
        mod = import_user(code, module)
        return MLEParams(list(params["names"]), [float(v) for v in params["theta"]], mod.predict,
                         params.get("diagnostics", {})), meta
    if fmt == "safetensors":
        from safetensors.torch import load_file

        state = load_file(str(path))
        rebuild = twin.get("rebuild") or {}
        module = rebuild.get("module")
        if not module or code is None or not (code / f"{module}.py").is_file():
            raise NeedsPickle("the module that defines the network was not recorded in the workspace")
        mod = import_user(code, module)
        try:
            if rebuild.get("how") == "build_model":
                net = getattr(mod, rebuild["function"])(dict(rebuild["config"]), int(rebuild["n_features"]))
            else:
                obj: Any = mod
                for part in str(rebuild.get("qualname", "")).split("."):
                    obj = getattr(obj, part)
                net = obj()
            net.load_state_dict(state)
        except Exception as exc:  # any failure to rebuild means the pickle is needed
            raise NeedsPickle(f"rebuilding the network from its code failed ({type(exc).__name__}: {exc})") from exc
        net.eval()
        return net, meta
    raise NeedsPickle(f"unknown safe format {fmt!r}")


def preprocess_from(meta: dict[str, Any]) -> Preprocess:
    return Preprocess(**meta["preprocess"])
