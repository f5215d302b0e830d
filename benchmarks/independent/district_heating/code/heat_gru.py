"""Next-hour district-heating load: a GRU over the last 24 hours of (heat, outdoor temperature), joined with the
temperature now and the hour of day, beside a linear path on the same inputs."""
import torch
from torch import nn

LAGS = 24
HEAT_C, HEAT_S = 190.0, 50.0      # typical winter load and its spread, MW
TEMP_C, TEMP_S = 0.0, 5.0         # degC


class HeatGRU(nn.Module):
    def __init__(self, n_features, hidden):
        super().__init__()
        assert n_features == 2 * LAGS + 3, n_features
        self.gru = nn.GRU(2, hidden, batch_first=True)
        self.head = nn.Sequential(nn.Linear(hidden + 3, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        # columns: heat lag24..lag1, temp lag24..lag1 (oldest first), temp now, hour sin, hour cos
        heat = (x[:, :LAGS] - HEAT_C) / HEAT_S
        temp = (x[:, LAGS:2 * LAGS] - TEMP_C) / TEMP_S
        now = torch.cat([(x[:, 2 * LAGS:2 * LAGS + 1] - TEMP_C) / TEMP_S, x[:, 2 * LAGS + 1:]], dim=1)
        seq = torch.stack([heat, temp], dim=2)                 # (batch, hours, 2)
        _, h = self.gru(seq)
        z = torch.cat([heat, temp, now], dim=1)
        out = self.head(torch.cat([h[-1], now], dim=1)) + self.linear(z)
        return HEAT_C + HEAT_S * out.squeeze(1)


def build_model(config, n_features):
    torch.manual_seed(int(config.get("seed", 0)))
    return HeatGRU(n_features, int(config["hidden_units"]))
