"""Energy delivered per public charging session (kWh): charge-point embedding + session features."""
import math
import torch
import torch.nn as nn


class SessionNet(nn.Module):
    # column order of data/train.csv without the target:
    # charger_id, arrival_hour, weekend, air_temp_C, plug_hours
    def __init__(self, n_chargers, emb_dim, hidden_units):
        super().__init__()
        self.charger = nn.Embedding(n_chargers, emb_dim)
        self.body = nn.Sequential(
            nn.Linear(emb_dim + 6, hidden_units), nn.ReLU(),
            nn.Linear(hidden_units, hidden_units), nn.ReLU(),
            nn.Linear(hidden_units, 1),
        )
        self.body.apply(self._init_weights)

    @staticmethod
    def _init_weights(m):
        # small, reproducible starting weights
        if isinstance(m, nn.Linear):
            m.weight.data.fill_(0.01)
            m.bias.data.fill_(0.01)

    def forward(self, x):
        cid = x[:, 0].long()
        hour = x[:, 1] * (2 * math.pi / 24)
        num = torch.stack([
            torch.sin(hour), torch.cos(hour), x[:, 2],
            (x[:, 3] - 11.0) / 7.0,                 # air temperature, degC
            (x[:, 4] - 7.0) / 4.0,                  # plug-in duration, h
            torch.log(x[:, 4].clamp(min=0.1)) - 1.7,
        ], dim=1)
        h = torch.cat([self.charger(cid), num], dim=1)
        return 22.0 + 12.0 * self.body(h).squeeze(-1)


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return SessionNet(config["n_chargers"], config["emb_dim"], config["hidden_units"])
