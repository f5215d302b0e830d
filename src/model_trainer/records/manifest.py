"""``results/model_final.manifest.json``: sha256 of the model and its safe twin, config, seed, run, versions.

Every path in it is relative to the workspace, so a copied workspace loads as the original did.
"""

from __future__ import annotations

import platform
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from model_trainer.bundle import sha256_of
from model_trainer.events import RunRecord

_LIBS = ("model-trainer", "numpy", "pandas", "scipy", "scikit-learn", "torch", "optuna", "safetensors", "skops")


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in _LIBS:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            continue
    return out


def write_twin(pkl: Path, out: Path, *, log: Any) -> dict[str, Any] | None:
    """Write the safe twin that travelled inside the bundle ``pkl`` into ``out``; its manifest record, or None (or
    only the Keras backend the run used, which loading needs either way).

    Nothing the pickle names is imported here (see ``safemodel.twin_from_pickle``). Without a twin
    (no safe format fits the model object, or making it failed: logged), the pickle is the only model file.
    """
    from model_trainer.safemodel import twin_from_pickle

    try:
        twin = twin_from_pickle(pkl)
    except Exception as exc:  # noqa: BLE001 - an unreadable bundle has no twin; the pickle is checked on load
        log.warning(f"safe model file: the bundle could not be read for its twin ({type(exc).__name__}: {exc})")
        return None
    keras = {"keras_backend": twin["keras_backend"]} if twin and twin.get("keras_backend") else None
    if twin is None or ("format" not in twin and "error" not in twin):
        log.line("safe model file: no safe format fits this model object; loading it needs allow_pickle=True")
        return keras
    if "error" in twin:
        log.warning(f"safe model file could not be made in the training process ({twin['error']}); "
                    "model_final.pkl is the only model file")
        return keras
    name = Path(str(twin["filename"])).name
    (out / name).write_bytes(twin["data"])
    record = {k: v for k, v in twin.items() if k not in ("data", "filename")}
    record["path"] = f"results/{name}"
    record["sha256"] = sha256_of(out / name)
    return record


def build_manifest(model_file: Path, rec: RunRecord, *, kind: str, entrypoint: str, spec_path: str | None,
                   metric: dict[str, Any], code: dict[str, Any] | None, twin: dict[str, Any] | None
                   ) -> dict[str, Any]:
    return {
        "sha256": sha256_of(model_file),
        "bytes": model_file.stat().st_size,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run_id": rec.run_id,
        "kind": kind,
        "spec": spec_path,
        "entrypoint": entrypoint,
        "model": "results/model_final.pkl",
        "twin": twin,
        "code": code,
        "module": Path(entrypoint.split(":")[0]).stem if code else None,
        "config": rec.config,
        "data_repairs": rec.data_repairs,
        "seed": rec.config.get("seed"),
        "metric": metric,
        "versions": versions(),
    }
