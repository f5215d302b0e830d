"""The safe twin of ``model_final.pkl``: model files that load without running code from the file.

Torch modules become ``model_final.safetensors`` (tensors only), scikit-learn estimators
``model_final.skops`` (loaded with an explicit list of trusted types recorded at save time), fitted
MLE parameters ``model_final.params.json``. What is needed to rebuild the model around them (the
preprocessing, the task, how to rebuild the architecture) goes into the manifest under ``twin``.

Writing runs in its own process (``python -m model_trainer.safemodel PKL OUT CODE KIND MODULE``) because
unpickling the user's model imports the user's code, which the supervising process never does.

Example:
    >>> twin = write_twin_files(Path("stage/model_final.pkl"), Path("stage"), Path("stage/code"),  # doctest: +SKIP
    ...                         kind="torch", module="model")
    >>> twin["format"]                                                                         # doctest: +SKIP
    'safetensors'
"""

from __future__ import annotations

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


# ---- writing (in a child process) --------------------------------------------------------------------------
_TWIN_MODULES = ("torch", "sklearn", "model_trainer.kinds.mle")


def may_have_twin(pkl: Path) -> bool:
    """Whether the pickle refers to a class a safe format exists for, read from its opcodes without running it.

    Lets the caller skip starting a process for a model of the user's own class, which has no safe twin.
    """
    import pickletools

    strings: list[str] = []
    try:
        with open(pkl, "rb") as f:
            for op, arg, _ in pickletools.genops(f):
                if op.name in ("GLOBAL", "INST") and isinstance(arg, str):
                    module = arg.split(" ", 1)[0]
                elif op.name == "STACK_GLOBAL" and len(strings) >= 2:
                    module = strings[-2]
                else:
                    if isinstance(arg, str):
                        strings.append(arg)
                    continue
                if module.split(".")[0] in ("torch", "sklearn") or module in _TWIN_MODULES:
                    return True
    except Exception:  # noqa: BLE001 - an unreadable opcode stream: let the writer process decide
        return True
    return False


def write_twin_files(pkl: Path, out: Path, code: Path, *, kind: str, module: str | None) -> dict[str, Any] | None:
    """Write the twin beside ``pkl`` into ``out``; return its manifest record, or None when no safe format fits."""
    if code.is_dir():
        sys.path.insert(0, str(code))
        if module and (code / f"{module}.py").is_file():
            import_user(code, module)
    with open(pkl, "rb") as f:
        bundle = pickle.load(f)
    model = bundle.model
    meta: dict[str, Any] = {"kind": bundle.kind, "task": bundle.task, "preprocess": asdict(bundle.preprocess),
                            "info": _jsonable({k: v for k, v in bundle.info.items() if k != "build"})}
    if _is_torch_module(model):
        from safetensors.torch import save_file

        state = {k: v.detach().cpu().contiguous().clone() for k, v in model.state_dict().items()}
        path = out / "model_final.safetensors"
        save_file(state, str(path))
        build = bundle.info.get("build")
        if bundle.kind == "torch" and build:
            rebuild = {"how": "build_model", "module": module, **_jsonable(build)}
        else:
            rebuild = {"how": "class", "module": type(model).__module__, "qualname": type(model).__qualname__}
        return {"format": "safetensors", "path": f"results/{path.name}", "bundle": meta, "rebuild": rebuild}
    if _is_sklearn(model):
        import skops.io as sio

        path = out / "model_final.skops"
        sio.dump(model, str(path))
        trusted = sorted(sio.get_untrusted_types(file=str(path)))
        return {"format": "skops", "path": f"results/{path.name}", "bundle": meta, "trusted": trusted}
    if bundle.kind == "mle":
        path = out / "model_final.params.json"
        params = {"names": list(model.names), "theta": [float(v) for v in model.theta], "module": module,
                  "estimates": _jsonable(getattr(model, "estimates", {})),
                  "diagnostics": _jsonable(getattr(model, "diagnostics", {}))}
        path.write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
        return {"format": "params.json", "path": f"results/{path.name}", "bundle": meta}
    return None


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
        import skops.io as sio

        found = set(sio.get_untrusted_types(file=str(path)))
        allowed = set(twin.get("trusted") or [])
        extra = sorted(found - allowed)
        if extra:
            from model_trainer.bundle import IntegrityError

            raise IntegrityError(f"{path}: holds types that were not in it when it was saved ({', '.join(extra)}); "
                                 "the file was changed after it was written. Retrain, or restore the original.")
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


def main(argv: list[str]) -> int:
    pkl, out, code, kind, module = argv
    twin = write_twin_files(Path(pkl), Path(out), Path(code), kind=kind, module=module or None)
    (Path(out) / "twin.json").write_text(json.dumps(twin), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
