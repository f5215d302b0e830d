"""The zygote's effect on an investigation's wall time: the same programs with and without it, side by side.

With ``MODEL_TRAINER_PREWARM=1`` (the default) every run's child is forked from a process that imported the
libraries once (``engine/zygote.py``); with ``=0`` every run starts a fresh interpreter.

For each program (generated with ``faults/generate.py`` from the tuning half, or given as folders holding a
``spec.toml``), ``model-trainer train`` runs alternately with ``MODEL_TRAINER_PREWARM=1`` and ``=0`` in fresh
workspaces, ``--reps`` times each; the report is the median wall time of each and their ratio.

``--early`` compares instead the command as installed (``python -m model_trainer``: the zygote and the
references' worker forked at its start, ``engine/early.py``) with the same command entered at
``model_trainer.cli.main`` (no early helpers: the supervisor starts the zygote, the references fit in a thread).

    python benchmarks/prewarm.py [--early] [--filter OP] [--limit N] [--reps R] [PROGRAM_DIR ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


_LATE = ["-c", "import sys; sys.argv[0] = 'model-trainer'; from model_trainer.cli import main; main()"]


def one(program: Path, prewarm: bool, scratch: Path, early: bool = False) -> tuple[float, int]:
    ws = scratch / f"ws-{prewarm}-{time.monotonic_ns()}"
    env = {**os.environ, "MODEL_TRAINER_PREWARM": "1" if prewarm or early else "0"}
    entry = ["-m", "model_trainer"] if prewarm or not early else _LATE
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *entry, "train", str(program / "spec.toml"), "--out",
                           str(ws), "--quiet"], env=env, capture_output=True, text=True, timeout=900)
    wall = time.perf_counter() - t0
    shutil.rmtree(ws, ignore_errors=True)
    return wall, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*", type=Path)
    ap.add_argument("--filter", default=None, help="an operator of the tuning half (with --limit)")
    ap.add_argument("--limit", type=int, default=4)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--early", action="store_true", help="with and without the helpers forked at the start")
    a = ap.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="prewarm-"))
    programs = list(a.programs)
    if not programs:
        from faults.generate import generate

        manifest = generate(scratch / "programs", half="tune", limit=a.limit, only=a.filter, verbose=False)
        programs = [scratch / "programs" / p["path"] for p in manifest["programs"] if p.get("kept")]
    rows = []
    for prog in programs:
        warm, cold = [], []
        for _ in range(a.reps):
            for flag, into in ((True, warm), (False, cold)):
                wall, rc = one(prog, flag, scratch, early=a.early)
                into.append(wall)
        w, c = statistics.median(warm), statistics.median(cold)
        rows.append((prog.name, rc, c, w))
        print(f"{prog.name:<60} exit {rc}  without {c:6.1f}s  with {w:6.1f}s  ratio {w / c:.2f}", flush=True)
    if rows:
        ratios = [w / c for _, _, c, w in rows]
        what = "the early helpers" if a.early else "the zygote"
        print(f"median ratio (with / without {what}): {statistics.median(ratios):.2f} over {len(rows)} "
              f"program(s), {a.reps} rep(s) each")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
