"""``results/model_final.manifest.json``: sha256 of the model and its safe twin, config, seed, run, versions.

Every path in it is relative to the workspace, so a copied workspace loads as the original did.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from model_trainer.bundle import sha256_of
from model_trainer.events import RunRecord

_LIBS = ("model-trainer", "numpy", "pandas", "scipy", "scikit-learn", "torch", "optuna", "safetensors", "skops")
_TWIN_TIMEOUT_S = 300.0


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in _LIBS:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            continue
    return out


def write_twin(pkl: Path, out: Path, code: Path, *, kind: str, module: str | None, cwd: Path | None,
               log: Any) -> dict[str, Any] | None:
    """Write the safe twin of ``pkl`` into ``out`` in a separate process (unpickling imports the user's code).

    Returns the twin's manifest record with its sha256, or None (logged) when there is no safe format for
    this model or writing it failed: the pickle is then the only model file.
    """
    from model_trainer.safemodel import may_have_twin

    if not may_have_twin(pkl):
        log.line("safe model file: no safe format fits this model object; loading it needs allow_pickle=True")
        return None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[2]),
                                                                    os.environ.get("PYTHONPATH", "")) if p)}
    cmd = [sys.executable, "-m", "model_trainer.safemodel", str(pkl), str(out), str(code), kind, module or ""]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=_TWIN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        log.warning(f"safe model file: writing it took over {_TWIN_TIMEOUT_S:.0f}s and was abandoned; "
                    "model_final.pkl is the only model file")
        return None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        log.warning(f"safe model file could not be written ({last}); model_final.pkl is the only model file")
        return None
    twin = json.loads((out / "twin.json").read_text(encoding="utf-8"))
    (out / "twin.json").unlink()
    if twin is None:
        log.line("safe model file: no safe format fits this model object; loading it needs allow_pickle=True")
        return None
    twin["sha256"] = sha256_of(out / Path(twin["path"]).name)
    return twin


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
