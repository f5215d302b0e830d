"""Indoor air temperature of a glasshouse from weather and actuator settings."""
from torch import nn


def build_model(config, n_features):
    h = int(config["hidden_units"])
    return nn.Sequential(
        nn.Linear(n_features, h), nn.BatchNorm1d(h), nn.ReLU(),
        nn.Linear(h, h), nn.BatchNorm1d(h), nn.ReLU(),
        nn.Linear(h, 1),
    )
