"""``model-trainer diagnose FILE``: post-hoc diagnosis of someone else's run.

Reads our history CSV, a Keras ``CSVLogger`` file (``epoch,loss,val_loss,...``), a Lightning
``CSVLogger`` ``metrics.csv`` (rows per step and per epoch, columns such as ``train_loss_epoch``), or
a plain-text training log (lines with ``epoch`` and ``loss``). Runs every detector and writes the
diary entries the run deserves next to the file: status ``unresolved``, with next steps.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import pandas as pd

from model_trainer.detect import Facts, detect_all
from model_trainer.errors import InputError
from model_trainer.events import DiaryEntry, EpochLogged, TestRecord, Why
from model_trainer.records.diary import append_entry, next_entry_id, read_entries
from model_trainer.records.fmt import num

_MAP = {"loss": "train_loss", "train_loss": "train_loss", "train_loss_epoch": "train_loss", "training_loss":
        "train_loss", "val_loss": "val_loss", "val_loss_epoch": "val_loss", "validation_loss": "val_loss",
        "grad_norm": "grad_norm", "lr": "lr", "learning_rate": "lr", "metric": "metric", "val_rmse": "metric",
        "val_acc": "metric", "val_accuracy": "metric", "val_mae": "metric"}
_LINE = re.compile(r"epoch[\s:=\[]*(\d+)", re.I)
_KV = re.compile(r"([A-Za-z_]+(?:\s?loss)?)\s*[:=]\s*([-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf))", re.I)


def read_run(path: Path) -> tuple[list[EpochLogged], str]:
    if not path.exists() or not path.is_file():
        raise InputError("file not found", path=path, hint="pass a history CSV, metrics.csv or a training log")
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        raise InputError("the file is empty", path=path)
    if path.suffix.lower() == ".csv":
        return _from_csv(path), "csv"
    hist = _from_log(text)
    if not hist:
        raise InputError("no epoch lines found (looked for 'epoch N ... loss: X')", path=path,
                         hint="pass a CSV history or a log with one line per epoch")
    return hist, "log"


def _from_csv(path: Path) -> list[EpochLogged]:
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"not a readable CSV: {exc}", path=path) from exc
    cols = {c: _MAP[c.strip().lower()] for c in frame.columns if c.strip().lower() in _MAP}
    if "train_loss" not in cols.values() and "val_loss" not in cols.values():
        raise InputError(f"no loss column among {list(frame.columns)[:10]}", path=path,
                         hint="expected train_loss/loss/train_loss_epoch and val_loss columns")
    if "epoch" in frame.columns:
        # Lightning logs step rows and epoch rows separately: one row per epoch, last value of each column
        frame = frame.groupby("epoch", sort=True).last().reset_index()
    out = []
    for i, row in frame.reset_index(drop=True).iterrows():
        values = {}
        for src, dst in cols.items():
            v = row[src]
            if (isinstance(v, (int, float)) and not pd.isna(v)) or (isinstance(v, float) and math.isnan(v) and
                                                                   dst in ("train_loss", "val_loss")):
                values[dst] = float(v)
        out.append(EpochLogged(int(i) + 1, values, float("nan")))  # type: ignore[arg-type]
    return out


def _from_log(text: str) -> list[EpochLogged]:
    out: list[EpochLogged] = []
    lines = text.splitlines()
    runs = re.findall(r" run: (\S+)$", text, re.M)
    if runs:
        # a model-trainer log holds several runs: read the last one, the run that was kept
        lines = [ln for ln in lines if ln.endswith(f" run: {runs[-1]}")]
    for line in lines:
        m = _LINE.search(line)
        if not m:
            continue
        values = {}
        for k, v in _KV.findall(line[m.end():]):
            key = _MAP.get(k.strip().lower().replace(" ", "_"))
            if key:
                values[key] = float(v)
        if "train_loss" in values or "val_loss" in values:
            out.append(EpochLogged(len(out) + 1, values, float("nan")))  # type: ignore[arg-type]
    return out


def diagnose(path: str | Path) -> int:
    p = Path(path)
    history, fmt = read_run(p)
    findings = detect_all(history, Facts(epochs_planned=len(history)))
    root = p.parent
    md, js = root / "dev_diary.md", root / "dev_diary.json"
    read_entries(js)
    for f in findings:
        entry_id = next_entry_id(md, js)
        last = history[-1]
        entry = DiaryEntry(
            id=entry_id, date=time.strftime("%Y-%m-%d %H:%M"),
            category="NUMERICAL" if f.symptom in ("nan_loss", "exploding_gradients") else "CONVERGENCE",
            symptom=f.symptom, root_cause="unknown",  # type: ignore[arg-type]
            what_happened=f"Post-hoc diagnosis of {p.name} ({fmt}, {len(history)} epochs): {f.message}.",
            error_message=f"red flag: {f.symptom}: {f.message}",
            initial_hypothesis="Not tested: the run is someone else's and was only read.",
            tests=[TestRecord(1, f"The recorded history shows {f.symptom.replace('_', ' ')}",
                              f"Read {p.name} and ran the detectors", "measurement", None, f.message, None)],
            fix=None,
            why=Why(root_cause=f"Not established: {f.message}. A root cause needs a test run.",
                    domain_insight="None: only the history was available.",
                    implication="Re-run under `model-trainer train` to test hypotheses one at a time."),
            next_steps=[f"Re-run under `model-trainer train` with the training code and data; the last recorded "
                        f"epoch had train_loss {num(last.get('train_loss'))}, val_loss {num(last.get('val_loss'))}.",
                        "Expose lr, optimizer and clip_grad_norm in [config] so repairs can be tested."],
            status="unresolved")
        append_entry(md, js, entry)
    return 1 if findings else 0
