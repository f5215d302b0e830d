"""Residual MLP for house sale prices."""
import torch
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, width, dropout):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, 2 * width)
        self.fc2 = nn.Linear(2 * width, width)
        self.act = nn.GELU()
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        h = self.fc2(self.drop(self.act(self.fc1(self.norm(x)))))
        return x + h


class PriceResNet(nn.Module):
    def __init__(self, n_features, width, n_blocks, dropout):
        super().__init__()
        self.stem = nn.Linear(n_features, width)
        self.blocks = nn.Sequential(*[ResidualBlock(width, dropout) for _ in range(n_blocks)])
        self.head = nn.Sequential(nn.LayerNorm(width), nn.Linear(width, 1))

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))


def build_model(config, n_features):
    torch.manual_seed(int(config.get("seed", 0)))
    return PriceResNet(n_features, int(config["hidden_units"]), int(config["n_blocks"]),
                       float(config["dropout"]))
