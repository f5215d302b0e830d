import math
import torch
import torch.nn as nn

# column order of the monitoring export:
# water_temp_C, total_phosphorus_ugL, nitrate_mgL, wind_ms, days_since_rain, stratified, secchi_m
LOG_COLS = [1, 2]                     # nutrients are roughly log-normal
# typical values and spreads from the regional lake-monitoring summary (nutrients on the natural-log scale)
CENTRE = [19.0, math.log(40.0), math.log(1.5), 4.0, 15.0, 0.5, 2.3]
SPREAD = [4.5, 0.6, 0.7, 2.5, 9.0, 0.5, 0.9]
N_LEVELS = 3                          # 0 none, 1 caution, 2 warning


class AlertNet(nn.Module):
    def __init__(self, n_features, hidden, dropout):
        super().__init__()
        self.register_buffer("centre", torch.tensor(CENTRE[:n_features]))
        self.register_buffer("spread", torch.tensor(SPREAD[:n_features]))
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, N_LEVELS),
        )

    def forward(self, x):
        x = x.clone()
        x[:, LOG_COLS] = torch.log(x[:, LOG_COLS].clamp_min(1e-3))
        return self.net((x - self.centre) / self.spread)


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return AlertNet(n_features, config["hidden_units"], config["dropout"])
