"""Field-trial yield model: a deep, wide MLP."""
import torch
from torch import nn


def build_model(config, n_features):
    torch.manual_seed(int(config.get("seed", 0)))
    width = int(config["hidden_units"])
    depth = int(config["n_layers"])
    act = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh}[config["activation"]]
    layers, d = [], n_features
    for _ in range(depth):
        layers += [nn.Linear(d, width), act()]
        if float(config["dropout"]) > 0:
            layers.append(nn.Dropout(float(config["dropout"])))
        d = width
    layers.append(nn.Linear(d, 1))
    return nn.Sequential(*layers)
