"""Time to the best metric with 1 and with 2 workers on the same search, side by side.

The same spec (a linear model trained by gradient descent, 40 epochs per trial, learning rate searched
on a log scale) and the same number of trials; each run gets a fresh workspace and a fresh journal.
"Time to best" is the wall time from the command's start until the trial that ended best finished
(Optuna's ``datetime_complete``); the whole command's time is printed too.

Usage: python benchmarks/search_workers.py [--trials 16]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from conftest import LINEAR_GD, make_project


def run(workers: int, trials: int) -> tuple[float, float, float]:
    import optuna
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    root = Path(tempfile.mkdtemp(prefix=f"mt-search-{workers}-"))
    try:
        p = make_project(root, LINEAR_GD, config="lr = 0.1\nepochs = 40\n",
                         extra=f"[search]\ntrials = {trials}\n[search.space]\nlr = {{ low = 0.001, high = 3.0, "
                               "log = true }\n")
        t0 = time.time()
        subprocess.run([sys.executable, "-m", "model_trainer", "search", str(p.spec), "--workers", str(workers),
                        "--quiet"], check=True)
        total = time.time() - t0
        storage = JournalStorage(JournalFileBackend(str(root / "results/search/spec.journal")))
        study = optuna.load_study(study_name="spec", storage=storage)
        best = study.best_trial
        to_best = best.datetime_complete.timestamp() - t0
        last_trial = max(t.datetime_complete.timestamp() for t in study.trials if t.datetime_complete) - t0
        return to_best, last_trial, total
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=16)
    args = ap.parse_args()
    for workers in (1, 2):
        to_best, trials_done, total = run(workers, args.trials)
        print(f"workers={workers}: best trial done after {to_best:.1f}s, all {args.trials} trials after "
              f"{trials_done:.1f}s, whole command (report, final retrain, sensitivity) {total:.1f}s", flush=True)


if __name__ == "__main__":
    main()
