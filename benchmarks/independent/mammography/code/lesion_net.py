"""Benign vs malignant breast lesions from 30 cell-nucleus measurements of fine-needle aspirates."""
from torch import nn


def build_model(config, n_features):
    h = int(config["hidden_units"])
    return nn.Sequential(
        nn.BatchNorm1d(n_features),              # measurements come in very different units
        nn.Linear(n_features, h), nn.ReLU(), nn.Dropout(float(config["dropout"])),
        nn.Linear(h, 2),
    )
