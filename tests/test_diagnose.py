"""``diagnose`` on other tools' files: numbering as written, one entry per event, a summary, short-run
overfitting, bad input as exit 2, ``--out``, and bounded memory on a large log."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import cli


def keras_log(path: Path, loss: np.ndarray, val: np.ndarray) -> Path:
    # Keras CSVLogger writes a NaN as "nan"; an empty cell means "not logged"
    pd.DataFrame({"epoch": np.arange(len(loss)), "loss": loss, "val_loss": val}).to_csv(path, index=False, na_rep="nan")
    return path


def overfitting_keras(path: Path) -> Path:
    """20 epochs as Keras writes them (from 0): validation loss bottoms out at epoch 6 and climbs ~11% steadily
    from epoch 7, while the training loss halves."""
    e = np.arange(20)
    return keras_log(path, 0.965 ** e, np.where(e <= 6, 0.9 - 0.03 * e, 0.72 + 0.006 * (e - 6)))


def entries(root: Path) -> list[dict]:
    return json.loads((root / "dev_diary.json").read_text())


def test_a_short_keras_run_that_overfits_is_flagged_with_its_own_epoch_numbers(tmp_path):
    path = overfitting_keras(tmp_path / "training.csv")
    res = cli("diagnose", str(path))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Keras CSVLogger, 20 rows" in res.stdout and "20 epochs (0..19)" in res.stdout
    assert "Keras counts from 0, kept" in res.stdout
    [e] = entries(tmp_path)
    assert e["symptom"] == "overfitting" and e["status"] == "unresolved" and e["root_cause"] == "unknown"
    # epoch 6 is the minimum as the file numbers it: nothing was shifted
    assert "minimum 0.7200 at epoch 6" in e["what_happened"] and "20 epochs (0..19)" in e["what_happened"]
    assert f"entry #{e['id']}" in res.stdout and str(tmp_path / "dev_diary.md") in res.stdout


@pytest.mark.parametrize("shape", ["both_falling", "noisy_plateau"])
def test_healthy_short_runs_are_not_flagged(tmp_path, shape):
    e = np.arange(20)
    loss = 0.965 ** e
    if shape == "both_falling":
        val = 0.9 * 0.975 ** e
    else:
        rng = np.random.default_rng(3)
        val = np.where(e < 8, 0.9 - 0.02 * e, 0.74) * (1 + rng.uniform(-0.03, 0.03, size=20))
    path = keras_log(tmp_path / "h.csv", loss, val)
    res = cli("diagnose", str(path))
    assert res.returncode == 0, res.stdout
    assert "no red flag found; nothing written" in res.stdout
    assert not (tmp_path / "dev_diary.md").exists()


def short_run(rng: np.random.Generator, overfit: bool) -> list:
    """A generated short training run (12-40 epochs, 1-3% noise on the validation loss)."""
    from model_trainer.events import EpochLogged

    n = int(rng.choice([12, 15, 20, 30, 40]))
    e = np.arange(n)
    train = np.exp(-rng.uniform(0.03, 0.12) * e) * (1 + rng.normal(0, 0.01, n))
    sigma = float(rng.choice([0.01, 0.02, 0.03]))
    if overfit:
        # the minimum at 25-60% of the run, then a climb of 8-30% to the end
        m, r = int(rng.uniform(0.25, 0.6) * n), rng.uniform(0.08, 0.3)
        val = np.where(e <= m, 1.0 - 0.3 * e / max(m, 1), 0.7 * (1 + r * (e - m) / (n - 1 - m)))
        val = val * (1 + rng.normal(0, min(sigma, 0.01), n))
    else:
        plateau = rng.uniform(0.3, 0.7)
        val = (plateau + (1 - plateau) * np.exp(-rng.uniform(0.05, 0.3) * e)) * (1 + rng.normal(0, sigma, n))
    return [EpochLogged(int(i), {"train_loss": float(t), "val_loss": float(v)}, 0.0)
            for i, t, v in zip(e, train, val, strict=True)]


def test_the_short_run_overfitting_rule_on_a_generated_benchmark():
    """The figures quoted in detect/thresholds.py (diagnose section): ~99% of overfitting runs, ~1% of healthy."""
    from model_trainer.diagnose import events

    rng = np.random.default_rng(0)
    flagged = {kind: sum(any(g[0].symptom == "overfitting" for g in events(short_run(rng, kind)))
                         for _ in range(300)) for kind in (False, True)}
    assert flagged[True] >= 0.95 * 300, flagged
    assert flagged[False] <= 0.02 * 300, flagged


def test_one_event_gives_one_entry_and_no_gradient_symptom_without_gradients(tmp_path):
    losses = [1.0, 0.8, 0.7, 5.0, 80.0, float("nan")]
    path = keras_log(tmp_path / "t.csv", np.array(losses), np.array(losses))
    res = cli("diagnose", str(path))
    assert res.returncode == 1
    [e] = entries(tmp_path)
    assert e["symptom"] == "nan_loss"
    assert "exploding_gradients" not in (tmp_path / "dev_diary.md").read_text()


def test_out_names_where_the_entries_go(tmp_path):
    path = overfitting_keras(tmp_path / "training.csv")
    out = tmp_path / "elsewhere" / "diary"
    res = cli("diagnose", str(path), "--out", str(out))
    assert res.returncode == 1
    assert (out / "dev_diary.md").exists() and not (tmp_path / "dev_diary.md").exists()
    help_text = cli("diagnose", "--help").stdout
    assert "--out" in help_text and "default: the folder holding FILE" in " ".join(help_text.split())


def test_lightning_metrics_and_keras_stdout_logs_are_read_as_written(tmp_path):
    rows = []
    for ep in range(10):
        for s in range(3):
            rows.append({"epoch": ep, "step": ep * 3 + s, "train_loss_step": 1.0, "train_loss_epoch": None,
                         "val_loss": None})
        rows.append({"epoch": ep, "step": ep * 3 + 2, "train_loss_step": None, "train_loss_epoch": 1 / (ep + 1),
                     "val_loss": 1 / (ep + 1) + 0.1})
    pd.DataFrame(rows).to_csv(tmp_path / "metrics.csv", index=False)
    res = cli("diagnose", str(tmp_path / "metrics.csv"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Lightning CSVLogger metrics.csv, 40 rows" in res.stdout and "10 epochs (0..9)" in res.stdout
    assert "train_loss_epoch as train_loss" in res.stdout
    log = tmp_path / "keras.log"
    log.write_text("".join(f"Epoch {i}/12\n32/32 - 0s - loss: {1 / i:.4f} - val_loss: {1 / i + 0.1:.4f}\n"
                           for i in range(1, 13)))
    res = cli("diagnose", str(log))
    assert res.returncode == 0 and "12 epochs (1..12)" in res.stdout, res.stdout + res.stderr


def test_bad_input_is_exit_2_naming_the_file_and_touching_nothing(tmp_path):
    binary = tmp_path / "model.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 20)
    res = cli("diagnose", str(binary))
    assert res.returncode == 2 and "model.csv" in res.stderr and "binary" in res.stderr
    assert "Traceback" not in res.stderr
    latin = tmp_path / "latin.log"
    latin.write_bytes("epoch 1 loss: 0.5 caf\xe9\n".encode("latin-1"))
    res = cli("diagnose", str(latin))
    assert res.returncode == 2 and "latin.log" in res.stderr and "UTF-8" in res.stderr
    dup = tmp_path / "dup.csv"
    dup.write_text("epoch,loss,loss\n0,1,2\n")
    res = cli("diagnose", str(dup))
    assert res.returncode == 2 and "duplicate column" in res.stderr and "loss" in res.stderr
    text = tmp_path / "text.csv"
    text.write_text("epoch,loss\n0,1.0\n1,abc\n")
    res = cli("diagnose", str(text))
    assert res.returncode == 2 and "line 3" in res.stderr and "'abc'" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dup.csv", "latin.log", "model.csv", "text.csv"]


# Peak memory of the diagnosing process itself: VmHWM belongs to the process's own address space. (ru_maxrss
# is carried over from the forking parent, so a test suite that has grown large would be measured instead.)
PEAK_KB = ("def _peak_kb():\n"
           "    for line in open('/proc/self/status'):\n"
           "        if line.startswith('VmHWM:'):\n"
           "            return int(line.split()[1])\n"
           "    import resource\n"
           "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n")


@pytest.mark.slow
def test_a_large_lightning_log_is_read_in_bounded_memory(tmp_path):
    """~150 MB of step rows (1.5 M rows, 200 epochs): peak RSS of the whole command stays far under 500 MB."""
    path = tmp_path / "metrics.csv"
    extra = ",".join(f"{0.1 * k:.6f}" for k in range(8))
    head = "epoch,step,train_loss_step,train_loss_epoch,val_loss," + ",".join(f"aux_{k}" for k in range(8)) + "\n"
    with open(path, "w") as f:
        f.write(head)
        for ep in range(200):
            block = "".join(f"{ep},{ep * 7500 + s},0.5{s % 10}{s % 7},,,{extra}\n" for s in range(7499))
            f.write(block)
            f.write(f"{ep},{ep * 7500 + 7499},,{1 / (ep + 1):.6f},{1 / (ep + 1) + 0.05:.6f},{extra}\n")
    size = path.stat().st_size
    assert size > 100e6
    code = (PEAK_KB + "import resource, sys; from model_trainer.cli import app\n"
            "try:\n    app([\"diagnose\", sys.argv[1]])\nexcept SystemExit as e:\n    rc = e.code\n"
            "print('PEAK', _peak_kb())\n")
    res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=600)
    assert "200 epochs (0..199)" in res.stdout, res.stdout + res.stderr
    peak_mb = int(res.stdout.split("PEAK")[-1]) / 1024
    print(f"{size / 1e6:.0f} MB file, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < 500
    assert resource  # measured in the child, not here


@pytest.mark.slow
def test_a_log_of_a_million_epochs_is_thinned_without_losing_a_nan(tmp_path):
    """Past DIAG_MAX_POINTS epochs the history is thinned while read; the one NaN epoch still shows."""
    path = tmp_path / "long.csv"
    with open(path, "w") as f:
        f.write("epoch,loss,val_loss\n")
        f.writelines(f"{e},{'nan' if e == 612_345 else f'{1 / (e + 1):.8f}'},{1 / (e + 1) + 0.01:.8f}\n"
                     for e in range(1_000_000))
    code = (PEAK_KB + "import resource, sys; from model_trainer.cli import app\n"
            "try:\n    app([\"diagnose\", sys.argv[1]])\nexcept SystemExit as e:\n    print('RC', e.code)\n"
            "print('PEAK', _peak_kb())\n")
    res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=600)
    out = res.stdout
    assert "1000000 epochs (0..999999)" in out and "the detectors saw one row per" in out, out + res.stderr
    assert "RC 1" in out and "red flag nan_loss" in out
    assert int(out.split("PEAK")[-1]) / 1024 < 500


@pytest.mark.slow
def test_a_long_text_log_is_thinned_and_keeps_the_nan_at_its_epoch(tmp_path):
    path = tmp_path / "train.log"
    with open(path, "w") as f:
        f.writelines(f"Epoch {e}/300000 - loss: {'nan' if e == 212_345 else f'{1 / e:.6f}'} - val_loss: "
                     f"{1 / e + 0.01:.6f}\n" for e in range(1, 300_001))
    res = cli("diagnose", str(path))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "300000 epochs (1..300000)" in res.stdout and "one row per up to 2 consecutive epochs" in res.stdout
    assert "became nan at epoch 212345" in res.stdout
