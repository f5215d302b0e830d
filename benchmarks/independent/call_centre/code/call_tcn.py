import math
import torch
import torch.nn as nn

N_LAGS = 48          # calls_lag_48h ... calls_lag_1h, oldest first, then hour_of_day, day_of_week
LEVEL = 110.0        # typical calls per hour
SCALE = 130.0


class CausalBlock(nn.Module):
    def __init__(self, channels, kernel, dilation, dropout):
        super().__init__()
        self.pad = (kernel - 1) * dilation
        self.conv = nn.Conv1d(channels, channels, kernel, dilation=dilation)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(dropout)

    def forward(self, z):
        out = self.conv(nn.functional.pad(z, (self.pad, 0)))
        return z + self.drop(self.act(out))


class CallTCN(nn.Module):
    """Dilated causal convolutions over the last 48 hours of calls, joined with the hour of the week."""

    def __init__(self, channels, kernel, n_blocks, dropout):
        super().__init__()
        self.inp = nn.Conv1d(1, channels, 1)
        self.blocks = nn.Sequential(*[CausalBlock(channels, kernel, 2 ** b, dropout) for b in range(n_blocks)])
        self.day = nn.Embedding(7, 4)
        self.head = nn.Sequential(nn.Linear(channels + 2 + 4, channels), nn.ReLU(), nn.Linear(channels, 1))

    def forward(self, x):
        seq = (x[:, :N_LAGS] - LEVEL) / SCALE
        hour = x[:, N_LAGS]
        dow = x[:, N_LAGS + 1].long()
        z = self.blocks(self.inp(seq.unsqueeze(1)))
        cal = torch.stack([torch.sin(2 * math.pi * hour / 24), torch.cos(2 * math.pi * hour / 24)], dim=1)
        out = self.head(torch.cat([z[:, :, -1], cal, self.day(dow)], dim=1)).squeeze(-1)
        return LEVEL + SCALE * out


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return CallTCN(config["hidden_units"], config["kernel_size"], config["n_blocks"], config["dropout"])
