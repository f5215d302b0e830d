"""``results/model_final.pkl`` and its manifest: sha256, config, seed, run, library versions."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from model_trainer.bundle import manifest_path
from model_trainer.events import RunRecord
from model_trainer.records.atomic import atomic_write_bytes, atomic_write_text

_LIBS = ("model-trainer", "numpy", "pandas", "scipy", "scikit-learn", "torch", "optuna")


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in _LIBS:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            continue
    return out


def publish_model(model_path: Path, rec: RunRecord, *, kind: str, entrypoint: str, code_dir: str | None,
                  metric: dict[str, Any], spec_path: str | None = None) -> dict[str, Any]:
    """Copy the accepted run's model into place and write the manifest beside it, both atomically."""
    assert rec.model_path is not None
    payload = Path(rec.model_path).read_bytes()
    manifest = {
        "sha256": hashlib.sha256(payload).hexdigest(),
        "bytes": len(payload),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run_id": rec.run_id,
        "kind": kind,
        "spec": spec_path,
        "entrypoint": entrypoint,
        "code_dir": code_dir,
        "module": Path(entrypoint.split(":")[0]).stem if code_dir else None,
        "config": rec.config,
        "data_repairs": rec.data_repairs,
        "seed": rec.config.get("seed"),
        "metric": metric,
        "versions": versions(),
    }
    atomic_write_bytes(model_path, payload)
    atomic_write_text(manifest_path(model_path), json.dumps(manifest, indent=2, default=str) + "\n")
    return manifest
