"""The torch path on a CUDA machine: the built-in loop trains on the GPU under supervision, the safe model twin
of a GPU-trained model loads and predicts on the CPU, a diverging run is repaired there too, and the whole-process
time of ``model-trainer train`` is compared with a plain PyTorch script on the same GPU (interleaved repetitions,
same model, data, batches and epochs).

Usage: python benchmarks/gpu_check.py [--reps 3] [--rows 20000] [--epochs 5] [--json FILE]
Exits 1 when a check fails; prints one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from overhead import PLAIN, make_workspace  # noqa: E402

# the plain script of the overhead benchmark, moved to the GPU the way a user would write it
PLAIN_GPU = (PLAIN.replace("model = build_model(cfg, len(feats))",
                           "dev = torch.device('cuda')\n    xt, yt, xv, yv = (t.to(dev) for t in (xt, yt, xv, yv))\n"
                           "    model = build_model(cfg, len(feats)).to(dev)")
             .replace("gen = torch.Generator()", "gen = torch.Generator(device=dev)")
             .replace("perm = torch.randperm(n, generator=gen)", "perm = torch.randperm(n, generator=gen, device=dev)")
             .replace("total = torch.zeros(())", "total = torch.zeros((), device=dev)"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    return env


def _train(root: Path, out: Path, zygote: bool = True) -> tuple[int, float, str]:
    t = time.perf_counter()
    env = {**_env(), "MODEL_TRAINER_PREWARM": "1" if zygote else "0"}
    res = subprocess.run([sys.executable, "-m", "model_trainer", "train", str(root / "spec.toml"), "--out", str(out),
                          "--quiet"], capture_output=True, text=True, env=env, timeout=900)
    return res.returncode, time.perf_counter() - t, res.stdout.strip().splitlines()[-1] if res.stdout.strip() else ""


def _plain(root: Path, cfg: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "plain_gpu.py", json.dumps(cfg)], cwd=root, check=True, capture_output=True,
                   env=_env(), timeout=900)
    return time.perf_counter() - t


def _load_on_cpu(out: Path, root: Path) -> dict:
    """A fresh process without CUDA loads the GPU-trained model from its safe twin and predicts."""
    code = ("import json, sys, pandas as pd\nfrom model_trainer import load_model\n"
            f"m = load_model({str(out / 'results/model_final.pkl')!r})\n"
            f"p = m.predict(pd.read_csv({str(root / 'data/val.csv')!r}).drop(columns=['y']))\n"
            "print(json.dumps({'n': len(p), 'finite': bool(pd.Series(p.ravel()).notna().all())}))")
    env = {**_env(), "CUDA_VISIBLE_DEVICES": ""}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1] if res.stderr.strip() else f"exit {res.returncode}"}
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    import torch

    report: dict = {"torch": torch.__version__, "cuda": torch.cuda.is_available(),
                    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}
    ok = bool(report["cuda"])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        cfg = make_workspace(root, a.rows, a.epochs, 128)
        (root / "plain_gpu.py").write_text(PLAIN_GPU)
        ours, plain = [], []
        for i in range(a.reps):
            code, secs, verdict = _train(root, Path(tmp) / f"ws{i}")
            ours.append(secs)
            plain.append(_plain(root, cfg))
            report.setdefault("exit_codes", []).append(code)
            report["verdict"] = verdict
        log = (Path(tmp) / "ws0/training_full.log").read_text()
        report["trained_on_cuda"] = " on cuda" in log
        report["whole_process_s"] = {"model_trainer": round(statistics.median(ours), 3),
                                     "plain": round(statistics.median(plain), 3),
                                     "ratio": round(statistics.median(ours) / statistics.median(plain), 3),
                                     "all_model_trainer": [round(x, 3) for x in ours],
                                     "all_plain": [round(x, 3) for x in plain]}
        report["load_on_cpu"] = _load_on_cpu(Path(tmp) / "ws0", root)
        twins = sorted(p.name for p in (Path(tmp) / "ws0/results").glob("model_final.*"))
        report["model_files"] = twins
        # a diverging learning rate on the GPU: the investigation must repair it there as on the CPU
        spec = (root / "spec.toml").read_text().replace('lr = 0.01', 'lr = 5.0')
        (root / "spec.toml").write_text(spec)
        code, secs, verdict = _train(root, Path(tmp) / "faulty")
        flog = (Path(tmp) / "faulty/training_full.log").read_text()
        # every run of the investigation is a child forked from the zygote: each must still train on the GPU
        report["diverging"] = {"exit": code, "seconds": round(secs, 1), "verdict": verdict,
                               "runs": flog.count(" started ("), "runs_on_cuda": flog.count(" on cuda")}
        code0, secs0, verdict0 = _train(root, Path(tmp) / "faulty_fresh", zygote=False)
        report["diverging_fresh_processes"] = {"exit": code0, "seconds": round(secs0, 1), "verdict": verdict0}
        ok = ok and report["diverging"]["runs"] == report["diverging"]["runs_on_cuda"] > 1
        ok = ok and all(c == 0 for c in report["exit_codes"]) and report["trained_on_cuda"] \
            and report["load_on_cpu"].get("finite") is True and "model_final.safetensors" in twins
    report["ok"] = ok
    text = json.dumps(report, indent=2)
    print(text)
    if a.json:
        a.json.write_text(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
