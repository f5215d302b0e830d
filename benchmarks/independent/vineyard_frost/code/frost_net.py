"""Radiation-frost warning for a vineyard: will tonight's minimum drop below 0 C, from 18:00 observations."""
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU}


def build_model(config, n_features):
    h = int(config["hidden_units"])
    act = ACTIVATIONS[config["activation"]]
    layers = [nn.Linear(n_features, h), act()]
    for _ in range(int(config["n_layers"]) - 1):
        layers += [nn.Linear(h, h), act()]
    layers.append(nn.Linear(h, 2))
    return nn.Sequential(*layers)
