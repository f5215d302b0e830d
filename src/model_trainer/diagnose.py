"""``model-trainer diagnose FILE [--out DIR]``: post-hoc diagnosis of someone else's run.

Reads our history CSV, a Keras ``CSVLogger`` file (``epoch,loss,val_loss,...``), a Lightning ``CSVLogger``
``metrics.csv`` (rows per step and per epoch, columns such as ``train_loss_epoch``), or a plain-text training
log (lines with ``epoch`` and ``loss``). Epoch numbers are kept as the file writes them (Keras counts from 0).
CSVs are read in chunks, only the mapped columns, and logs line by line, keeping one row per epoch, so memory
is bounded by the number of epochs, not the file's size.

It runs the detectors once over the history and writes one diary entry per event, status ``unresolved``,
to ``dev_diary.md`` and ``dev_diary.json`` in ``--out`` (default: the folder holding FILE). A gradient symptom
is never diagnosed without gradient data.

Example:
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "log.csv").write_text("epoch,loss\\n0,1.0\\n1,0.5\\n")
    >>> h, s = read_run(d / "log.csv")
    >>> [e.epoch for e in h], s.numbering
    ([0, 1], 'as written in the epoch column (first 0; Keras counts from 0, kept)')
"""

from __future__ import annotations

import codecs
import csv
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model_trainer.columns import canonical
from model_trainer.columns import chosen as chosen_columns
from model_trainer.detect import Facts, Finding, detect_all
from model_trainer.detect import thresholds as T
from model_trainer.errors import InputError
from model_trainer.events import DiaryEntry, EpochLogged, TestRecord, Why
from model_trainer.records.diary import append_entry, next_entry_id, read_entries
from model_trainer.records.fmt import num

_LINE = re.compile(r"epoch[\s:=\[]*(\d+)", re.I)
_KV = re.compile(r"([A-Za-z_]+(?:\s?loss)?)\s*[:=]\s*([-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf))", re.I)
_RUN = re.compile(r" run: (\S+)$")
_GRADIENT_SYMPTOMS = ("exploding_gradients", "vanishing_gradients", "dying_relu")
# findings of one family are one event (a NaN after a divergence is the same story); families are separate
_FAMILY = {"invalid_data": "numeric", "nan_loss": "numeric", "exploding_gradients": "numeric",
           "singular_matrix": "numeric", "vanishing_gradients": "gradient", "dying_relu": "gradient",
           "constant_output": "fit", "underfitting": "fit", "slow_convergence": "fit", "oscillating_loss": "fit",
           "overfitting": "generalisation"}
_CATEGORY = {"numeric": "NUMERICAL", "gradient": "NUMERICAL", "fit": "CONVERGENCE", "generalisation": "PERFORMANCE"}


@dataclass
class Summary:
    """What was read: printed by the command and stated in each entry."""
    file: str
    source: str
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    epochs: int = 0
    first_epoch: int | None = None
    last_epoch: int | None = None
    numbering: str = ""
    stride: int = 1              # >1: each history row stands for this many consecutive epochs (very long logs)

    def text(self) -> str:
        cols = ", ".join(f"{s} as {d}" if s != d else s for s, d in self.columns.items())
        span = f" ({self.first_epoch}..{self.last_epoch})" if self.first_epoch is not None else ""
        thinned = (f"; the detectors saw one row per up to {self.stride} consecutive epochs (the last measured "
                   "value of each, a non-finite value anywhere kept)" if self.stride > 1 else "")
        return (f"read {self.file}: {self.source}, {self.rows} rows; columns {cols}; {self.epochs} epochs{span}, "
                f"numbered {self.numbering}{thinned}")


@dataclass
class Diagnosis:
    summary: Summary
    findings: list[Finding]
    entry_ids: list[int]
    out: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.findings else 0


def _sniff(path: Path) -> None:
    """Binary or non-UTF-8 input is bad input: say so before parsing."""
    if not path.exists() or not path.is_file():
        raise InputError("file not found", path=path, hint="pass a history CSV, metrics.csv or a training log")
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if not head.strip():
        raise InputError("the file is empty", path=path)
    if b"\0" in head:
        raise InputError("a binary file, not a CSV or a text log", path=path,
                         hint="pass the CSV or log as text (not compressed, not a pickle or a checkpoint)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (undecodable byte at line {line})", path=path,
                         hint="save the file as UTF-8 text") from exc


def read_run(path: Path) -> tuple[list[EpochLogged], Summary]:
    path = Path(path)
    _sniff(path)
    if path.suffix.lower() == ".csv":
        return _from_csv(path)
    return _from_log(path)


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as f:
        return [c.strip() for c in next(csv.reader(f), [])]


def _from_csv(path: Path) -> tuple[list[EpochLogged], Summary]:
    header = _header(path)
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise InputError(f"duplicate column name(s) in the header: {', '.join(dupes)}", path=path, where="line 1",
                         hint="give every column its own name; which one holds the loss would be a guess")
    lower = {c.lower(): c for c in header}
    chosen = chosen_columns(header)
    if "train_loss" not in chosen.values() and "val_loss" not in chosen.values():
        raise InputError(f"no loss column among {header[:10]}", path=path, where="line 1",
                         hint="expected train_loss/loss/train_loss_epoch and val_loss columns")
    epoch_col = lower.get("epoch")
    names = set(lower)
    source = ("Lightning CSVLogger metrics.csv" if epoch_col and "step" in names else
              "model-trainer history" if {"epoch", "train_loss", "time_s"} <= names else
              "Keras CSVLogger" if epoch_col and "loss" in names else "CSV")
    summary = Summary(path.name, source, columns=dict(chosen))
    usecols = [*chosen, *([epoch_col] if epoch_col else [])]
    acc: pd.DataFrame | None = None
    start = 2  # the first data row is line 2
    try:
        reader = pd.read_csv(path, usecols=usecols, chunksize=T.DIAG_CHUNK_ROWS, dtype=str, keep_default_na=False,
                             na_values=[""], encoding="utf-8")
        prev: float | None = None
        for chunk in reader:
            summary.rows += len(chunk)
            if epoch_col:
                # epochs counted as runs of equal values, so the count stays exact when the history is thinned
                e = pd.to_numeric(chunk[epoch_col], errors="coerce").dropna().to_numpy()
                if len(e):
                    summary.epochs += int((e[1:] != e[:-1]).sum()) + int(prev is None or e[0] != prev)
                    prev = float(e[-1])
                    if summary.first_epoch is None:
                        summary.first_epoch = int(e[0])
            else:
                summary.epochs += len(chunk)
                summary.first_epoch = 1
            acc = _fold(acc, _epoch_rows(chunk, chosen, epoch_col, path, start), chosen, summary, bool(epoch_col))
            start += len(chunk)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable CSV: {exc}", path=path) from exc
    frame = acc if acc is not None else pd.DataFrame()
    history = _to_history(frame, chosen, epoch_col is not None)
    if epoch_col:
        first = summary.first_epoch
        counts_from_0 = {"Keras CSVLogger": "Keras", "Lightning CSVLogger metrics.csv": "Lightning"}.get(source)
        summary.numbering = f"as written in the epoch column (first {first}" + (
            f"; {counts_from_0} counts from 0, kept)" if first == 0 and counts_from_0 else ")")
    else:
        summary.numbering = "by row from 1 (the file has no epoch column)"
    return history, _finish(summary, history, path)


def _epoch_rows(chunk: pd.DataFrame, chosen: dict[str, str], epoch_col: str | None, path: Path,
                start: int) -> pd.DataFrame:
    """One row per epoch of a chunk: each column's last value, where an empty cell is 'not measured' and a
    written ``nan`` is a value (a NaN loss is a finding)."""
    out = pd.DataFrame(index=chunk.index)
    for src in chosen:
        raw = chunk[src]
        values = pd.to_numeric(raw, errors="coerce")
        bad = values.isna() & raw.notna() & ~raw.str.strip().str.lower().isin(["nan", "-nan", "+nan"])
        if bad.any():
            i = int(bad.to_numpy().argmax())
            raise InputError(f"column {src!r} holds {raw.iloc[i]!r}, not a number", path=path,
                             where=f"line {start + i}", hint="every loss and metric cell must be a number or empty")
        out[src] = values
        # 1.0 where the cell said nan, 0.0 where it held a number, missing where it was empty
        out[f"__nan__{src}"] = raw.notna().where(raw.notna()).astype(float) * values.isna().astype(float)
    if epoch_col is None:
        return out
    epochs = pd.to_numeric(chunk[epoch_col], errors="coerce")
    out.index = epochs
    out = out[epochs.notna().to_numpy()]
    return out.groupby(level=0, sort=False).last()


def _to_history(frame: pd.DataFrame, chosen: dict[str, str], has_epoch: bool) -> list[EpochLogged]:
    n = len(frame)
    if not n:
        return []
    # without an epoch column the index is the row's position in the file (pandas numbers chunks on), so a
    # thinned history keeps the epochs its rows stand for
    epochs = frame.index.to_numpy().astype(np.int64) + (0 if has_epoch else 1)
    cols = {dst: (frame[src].to_numpy(dtype=float), frame[f"__nan__{src}"].to_numpy(dtype=float))
            for src, dst in chosen.items()}
    out = []
    for i in range(n):
        values: dict[str, float | None] = {}
        for key, (vals, flags) in cols.items():
            if flags[i] == 1.0:
                values[key] = float("nan")
            elif not math.isnan(vals[i]):
                values[key] = float(vals[i])
        out.append(EpochLogged(int(epochs[i]), values, float("nan")))  # type: ignore[arg-type]
    return out


def _halve(frame: pd.DataFrame, chosen: dict[str, str]) -> pd.DataFrame:
    """Pairs of consecutive epochs become one row: each column's last measured value, but a non-finite value
    anywhere in the pair is kept (a NaN or an overflow is never averaged away), at the epoch it was written."""
    n = len(frame) - len(frame) % 2
    head, tail = frame.iloc[:n], frame.iloc[n:]
    index = head.index.to_numpy()
    first_bad = np.zeros(n // 2, dtype=bool)
    cols: dict[str, np.ndarray] = {}
    for src in chosen:
        v = head[src].to_numpy(dtype=float).reshape(-1, 2)
        f = head[f"__nan__{src}"].to_numpy(dtype=float).reshape(-1, 2)
        last = np.where(np.isnan(v[:, 1]) & np.isnan(f[:, 1]), v[:, 0], v[:, 1])
        inf = np.isinf(v)
        last = np.where(inf.any(axis=1), np.where(inf[:, 0], v[:, 0], v[:, 1]), last)
        first_bad |= (f[:, 0] == 1.0) | inf[:, 0]
        cols[src] = last
        cols[f"__nan__{src}"] = np.fmax(f[:, 0], f[:, 1])
    out = pd.DataFrame(cols, index=np.where(first_bad, index[0::2], index[1::2]))
    return pd.concat([out[list(frame.columns)], tail])


def _fold(acc: pd.DataFrame | None, new: pd.DataFrame, chosen: dict[str, str], summary: Summary,
          by_epoch: bool) -> pd.DataFrame:
    """Add a batch of per-epoch rows; past DIAG_MAX_POINTS rows the whole history is thinned by pairs, and
    later batches are thinned as much on arrival, so every row stands for the same number of epochs."""
    factor = summary.stride
    while factor > 1 and len(new) > 1:
        new, factor = _halve(new, chosen), factor // 2
    acc = new if acc is None else pd.concat([acc, new])
    if by_epoch:
        acc = acc.groupby(level=0, sort=True).last()  # an epoch may straddle two batches: its last value wins
    while len(acc) > T.DIAG_MAX_POINTS:
        acc, summary.stride = _halve(acc, chosen), summary.stride * 2
    return acc


_LOG_KEYS = ("train_loss", "val_loss", "metric", "grad_norm", "lr")
_LOG_FOLD = 50_000  # parsed log rows held as Python objects at most (about 15 MB)


def _log_frame(rows: dict[int, dict[str, float]]) -> pd.DataFrame:
    """Log rows as the CSV path holds them: a value column and a written-nan flag per key, indexed by epoch."""
    epochs = sorted(rows)
    data: dict[str, list[float]] = {}
    for k in _LOG_KEYS:
        data[k] = [rows[e].get(k, math.nan) for e in epochs]
        data[f"__nan__{k}"] = [(1.0 if math.isnan(rows[e][k]) else 0.0) if k in rows[e] else math.nan
                               for e in epochs]
    return pd.DataFrame(data, index=pd.Index(epochs, dtype="int64"))


def _from_log(path: Path) -> tuple[list[EpochLogged], Summary]:
    summary = Summary(path.name, "text log")
    rows: dict[int, dict[str, float]] = {}
    thinned: pd.DataFrame | None = None   # rows already folded in, once a log passes DIAG_MAX_POINTS epochs
    keys = {k: k for k in _LOG_KEYS}
    run: str | None = None
    pending: int | None = None
    lineno = 0
    try:
        with open(path, encoding="utf-8") as f:
            for raw in f:
                lineno += 1  # kept outside the loop too: a decoding error names the line after the last read
                line = raw.rstrip("\n")
                m_run = _RUN.search(line)
                if m_run and m_run.group(1) != run:
                    # a model-trainer log holds several runs: the last one (the run that was kept) is read
                    run, rows, thinned, summary.source = m_run.group(1), {}, None, "model-trainer training_full.log"
                    summary.stride, summary.epochs = 1, 0
                m = _LINE.search(line)
                rest = line[m.end():] if m else line
                values: dict[str, float] = {}
                for k, v in _KV.findall(rest):
                    key = canonical(k)
                    if key:
                        summary.columns.setdefault(k.strip(), key)
                        values[key] = float(v)
                if m and not values:
                    pending = int(m.group(1))  # Keras prints "Epoch 3/20" and the losses on the next line
                    continue
                epoch = int(m.group(1)) if m else pending
                if epoch is not None and ("train_loss" in values or "val_loss" in values):
                    summary.epochs += epoch not in rows
                    if summary.first_epoch is None or (thinned is None and not rows):
                        summary.first_epoch = epoch
                    rows[epoch] = values
                    pending = None
                    if len(rows) >= _LOG_FOLD:
                        # parsed rows are folded into columns in batches, as the CSV path reads chunks
                        thinned, rows = _fold(thinned, _log_frame(rows), keys, summary, True), {}
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text (an undecodable byte)", path=path, where=f"line {lineno + 1}",
                         hint="save the file as UTF-8 text") from exc
    summary.rows = lineno
    if not rows and thinned is None:
        raise InputError("no epoch lines found (looked for 'epoch N ... loss: X')", path=path,
                         hint="pass a CSV history or a log with one line per epoch")
    if thinned is None:
        history = [EpochLogged(e, v, float("nan")) for e, v in sorted(rows.items())]  # type: ignore[arg-type]
    elif not rows and len(thinned) == 0:
        history = []
    else:
        frame = _fold(thinned, _log_frame(rows), keys, summary, True) if rows else thinned
        history = _to_history(frame, keys, True)
    summary.numbering = f"as written in the log (first {summary.first_epoch})"
    return history, _finish(summary, history, path)


def _finish(summary: Summary, history: list[EpochLogged], path: Path) -> Summary:
    if not history:
        raise InputError("no epoch rows with a loss value", path=path)
    if summary.stride == 1 or not summary.epochs:
        summary.epochs = len(history)
    if summary.first_epoch is None:
        summary.first_epoch = history[0].epoch
    summary.last_epoch = history[-1].epoch
    return summary


def steady_overfitting(history: list[EpochLogged]) -> Finding | None:
    """The short-run overfitting rule of ``thresholds`` (diagnose section): a steady rise of the validation loss
    after its minimum while the training loss keeps falling."""
    pairs = [(e.epoch, e.get("train_loss"), e.get("val_loss")) for e in history]
    pairs = [(ep, t, v) for ep, t, v in pairs if t is not None and v is not None and math.isfinite(t)
             and math.isfinite(v)]
    if len(pairs) < T.DIAG_MIN_EPOCHS:
        return None
    i_min = min(range(len(pairs)), key=lambda i: pairs[i][2])
    after = pairs[i_min:]
    if len(after) - 1 < T.DIAG_PATIENCE:
        return None
    from scipy.stats import kendalltau

    vals = [v for _, _, v in after]
    tau = float(kendalltau(range(len(vals)), vals).statistic)
    v_min, v_end = after[0][2], after[-1][2]
    t_min, t_end = after[0][1], after[-1][1]
    rise = (v_end - v_min) / abs(v_min) if v_min else 0.0
    fall = (t_min - t_end) / abs(t_min) if t_min else 0.0
    if tau >= T.DIAG_TREND_TAU and rise >= T.DIAG_RISE and fall >= T.TRAIN_STILL_FALLING:
        return Finding("overfitting", after[0][0],
                       f"val_loss rose from its minimum {num(v_min)} at epoch {after[0][0]} to {num(v_end)} at epoch "
                       f"{after[-1][0]}, a steady climb over {len(after) - 1} epochs (Kendall tau {tau:.2f}), while "
                       f"train_loss fell from {num(t_min)} to {num(t_end)}",
                       {"best_epoch": after[0][0], "val_min": v_min, "val_end": v_end, "rise": rise, "tau": tau,
                        "train_fall": fall})
    return None


def events(history: list[EpochLogged]) -> list[list[Finding]]:
    """The detectors' findings grouped into events: one group per family, first finding first."""
    findings = detect_all(history, Facts(epochs_planned=len(history)))
    has_grad = any(e.get("grad_norm") is not None for e in history)
    findings = [f for f in findings if has_grad or f.symptom not in _GRADIENT_SYMPTOMS]
    if not any(f.symptom == "overfitting" for f in findings):
        extra = steady_overfitting(history)
        if extra is not None:
            findings.append(extra)
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(_family(f), []).append(f)
    return list(groups.values())


def _family(f: Finding) -> str:
    # a jump of the loss is the start of a divergence (and of the NaN that may follow), whatever it is named
    return "numeric" if "diverged_to" in f.evidence else _FAMILY.get(f.symptom, f.symptom)


def _entry(entry_id: int, group: list[Finding], history: list[EpochLogged], summary: Summary) -> DiaryEntry:
    f = group[0]
    last = history[-1]
    also = group[1:]
    what = (f"Post-hoc diagnosis: {summary.text()}. Red flag `{f.symptom}`"
            + (f" from epoch {f.onset_epoch}" if f.onset_epoch is not None else "") + f": {f.message}."
            + "".join(f" Also seen in the same event: `{g.symptom}`: {g.message}." for g in also)
            + (" The detectors counted thinned rows: a number of epochs they state counts rows, each standing for "
               f"up to {summary.stride} epochs." if summary.stride > 1 else ""))
    tests = [TestRecord(1, f"The recorded history shows {f.symptom.replace('_', ' ')}",
                        f"Read {summary.file} and ran the detectors", "measurement", None, f.message, None)]
    return DiaryEntry(
        id=entry_id, date=time.strftime("%Y-%m-%d %H:%M"),
        category=_CATEGORY.get(_FAMILY.get(f.symptom, ""), "CONVERGENCE"),  # type: ignore[arg-type]
        symptom=f.symptom, root_cause="unknown",  # type: ignore[arg-type]
        what_happened=what, error_message=f"red flag: {f.symptom}: {f.message}",
        initial_hypothesis="None tested: only the recorded history was read; no run was made.",
        tests=tests, fix=None,
        why=Why(root_cause="Not established: a cause needs a run that changes one thing, and only the history "
                           "was available.",
                domain_insight="Not attempted: neither the data nor the model was available.",
                implication="None yet: the cause is not established."),
        next_steps=[f"Re-run under `model-trainer train` with the training code and data, so that causes of "
                    f"{f.symptom.replace('_', ' ')} can be tested one change at a time; the last recorded epoch "
                    f"({last.epoch}) had train_loss {num(last.get('train_loss'))}, val_loss "
                    f"{num(last.get('val_loss'))}.",
                    "Expose lr, optimizer and clip_grad_norm in [config] so repairs can be tested."],
        status="unresolved")


def run_diagnosis(path: str | Path, out: str | Path | None = None) -> Diagnosis:
    p = Path(path)
    history, summary = read_run(p)
    root = Path(out) if out is not None else p.parent
    if root.exists() and not root.is_dir():
        raise InputError("the output path exists and is not a folder", path=root, where="--out")
    md, js = root / "dev_diary.md", root / "dev_diary.json"
    read_entries(js)  # an unreadable diary is reported before anything is written
    groups = events(history)
    ids = []
    if groups:
        root.mkdir(parents=True, exist_ok=True)
    for group in groups:
        entry_id = next_entry_id(md, js)
        append_entry(md, js, _entry(entry_id, group, history, summary))
        ids.append(entry_id)
    return Diagnosis(summary, [g[0] for g in groups], ids, root)


def diagnose(path: str | Path, out: str | Path | None = None) -> int:
    """0 nothing wrong, 1 red flags found (entries written); bad input raises ``InputError``."""
    return run_diagnosis(path, out).exit_code
