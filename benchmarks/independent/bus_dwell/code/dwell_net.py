import math

import torch
import torch.nn as nn

N_STOPS = 24
# column order of the CSV (after the target is removed):
# stop_id, hour, boardings, alightings, load_on_arrival, rain_mm, low_floor
SHIFT = torch.tensor([6.0, 4.5, 45.0, 0.8, 0.5])
SCALE = torch.tensor([6.0, 4.5, 20.0, 1.8, 0.5])


class DwellNet(nn.Module):
    def __init__(self, hidden, dropout, emb_dim):
        super().__init__()
        self.stop_emb = nn.Embedding(N_STOPS, emb_dim)
        n_in = emb_dim + 2 + 5
        self.body = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        stop = x[:, 0].long()
        hour = x[:, 1:2]
        day = torch.cat([torch.sin(2 * math.pi * hour / 24), torch.cos(2 * math.pi * hour / 24)], dim=1)
        num = (x[:, 2:7] - SHIFT) / SCALE
        h = torch.cat([self.stop_emb(stop), day, num], dim=1)
        # dwell times are tens of seconds: centre and scale the output
        return 55.0 + 40.0 * self.body(h)


def build_model(config, n_features):
    assert n_features == 7, n_features
    return DwellNet(config.get("hidden_units", 64), config.get("dropout", 0.0), config.get("emb_dim", 4))
