"""Reading and checking the spec's data files.

The parent checks the data before any run starts so that bad input ends with exit 2 and
nothing written; the child reads the same files with the same function.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model_trainer.errors import InputError
from model_trainer.spec import Spec


@dataclass
class Dataset:
    train: pd.DataFrame
    val: pd.DataFrame
    target: str | None
    features: list[str]
    # function mode: columns that are not numbers, handed to the user's code as they are and left out of the checks
    passthrough: list[str] = field(default_factory=list)

    def xy(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None]:
        x = frame[self.features].to_numpy(dtype=np.float64)
        y = frame[self.target].to_numpy(dtype=np.float64) if self.target else None
        return x, y


def read_csv(path: Path, field: str) -> pd.DataFrame:
    if not path.exists():
        raise InputError(f"data file not found (from `{field}`)", path=path,
                         hint=f"fix `{field}` in the spec; paths are relative to the spec's folder")
    if path.is_dir():
        raise InputError(f"`{field}` names a folder, not a CSV file", path=path)
    try:
        frame = pd.read_csv(path)
    except pd.errors.EmptyDataError as exc:
        raise InputError("the CSV file is empty", path=path, hint="it needs a header row and data rows") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable CSV file: {exc}", path=path) from exc
    if frame.empty:
        raise InputError("the CSV file has a header but no data rows", path=path,
                         hint="check that the data export wrote the rows")
    _check_header(path)
    return frame


def _check_header(path: Path) -> None:
    """A column named twice is an error: pandas would silently rename the second one ``NAME.1``."""
    try:
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            header = next(csv.reader(f), [])
    except csv.Error:
        return  # pandas read it; its own reading of the header stands
    twice = [name for name, n in Counter(h.strip() for h in header).items() if n > 1]
    if twice:
        cols = [i + 1 for i, h in enumerate(header) if h.strip() == twice[0]]
        raise InputError(f"column `{twice[0]}` appears {len(cols)} times in the header (columns "
                         f"{', '.join(map(str, cols))})", path=path, where="line 1",
                         hint="give every column a distinct name")


def feature_columns(frame: pd.DataFrame, target: str | None, ignore: list[str]) -> list[str]:
    return [c for c in frame.columns if c != target and c not in ignore]


def load_dataset(spec: Spec) -> Dataset:
    """Read train and val, check columns and types; raise InputError on bad input."""
    train_path, val_path = spec.resolve(spec.data.train), spec.resolve(spec.data.val)
    train = read_csv(train_path, "data.train")
    val = read_csv(val_path, "data.val")
    target = spec.data.target
    passthrough: list[str] = []
    for frame, path in ((train, train_path), (val, val_path)):
        if target is not None and target not in frame.columns:
            cols = ", ".join(map(str, frame.columns[:12]))
            raise InputError(f"target column `{target}` is not in the file (columns: {cols})", path=path,
                             hint="fix `data.target` in the spec or the CSV header")
        for col in frame.columns:
            if col in spec.data.ignore_columns or col in passthrough:
                continue
            if not pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col]):
                bad = frame[col][pd.to_numeric(frame[col], errors="coerce").isna() & frame[col].notna()]
                if col != target and spec.model.kind == "function" and len(bad) > frame[col].notna().sum() / 2:
                    # a column of words (a date, a region's name), not numbers with a stray cell: the user's code
                    # reads its own DataFrames and encodes it itself
                    passthrough.append(col)
                    continue
                row = int(bad.index[0]) + 2 if len(bad) else 2  # +2: header line and 1-based lines
                sample = bad.iloc[0] if len(bad) else frame[col].iloc[0]
                if col == target:
                    labels = sorted(map(str, frame[col].dropna().unique()))[:5]
                    hint = (f"encode the target's classes as integers 0, 1, ... ({', '.join(labels)} in sorted "
                            "order, say) in both files: the tool scores and compares predictions as numbers")
                else:
                    hint = (f"encode `{col}` as numbers, or list it in `data.ignore_columns` to pass it through "
                            "unchecked (in function mode such a column reaches your code as it is)")
                raise InputError(f"column `{col}` is not numeric (line {row} holds {sample!r})", path=path,
                                 where=f"line {row}", hint=hint)
    features = feature_columns(train, target, [*spec.data.ignore_columns, *passthrough])
    missing = [c for c in features if c not in val.columns]
    if missing:
        raise InputError(f"columns {missing} are in data.train but not in this file", path=val_path,
                         hint="train and val need the same columns")
    return Dataset(train=train, val=val, target=target, features=features, passthrough=passthrough)
