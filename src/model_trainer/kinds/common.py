"""What every kind does before training: import the user's code, read and repair the data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from model_trainer.data import feature_columns
from model_trainer.engine.job import Job
from model_trainer.preprocess import Preprocess, fit_preprocess


def user_callable(job: Job) -> Any:
    from model_trainer.engine.child import load_user_module

    module = load_user_module(job.entry_file or "", job.module_name)
    return getattr(module, job.function) if job.function else module


def prepared_data(job: Job) -> tuple[pd.DataFrame, pd.DataFrame, Preprocess]:
    train = pd.read_csv(job.train_path)
    val = pd.read_csv(job.val_path)
    features = feature_columns(train, job.target, job.ignore_columns)
    return fit_preprocess(train, val, job.target, features, job.data_repairs)
