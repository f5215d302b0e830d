"""Water-main break model: a small network gives the break rate of a segment per km over the five-year window
(softplus keeps it positive); the expected count is that rate times the segment length.
Input columns (CSV order): length_km, age_years, diameter_mm, cast_iron, soil_corrosivity, pressure_m."""
import math
import torch
import torch.nn as nn

# centring / scaling of the five segment attributes (network asset register, 2023)
CENTER = torch.tensor([50.0, 180.0, 0.4, 4.5, 55.0])
SCALE = torch.tensor([30.0, 80.0, 0.5, 2.0, 12.0])


class BreakRateNet(nn.Module):
    def __init__(self, hidden_units=32, dropout=0.0):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(5, hidden_units), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(hidden_units, hidden_units), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(hidden_units, 1))
        with torch.no_grad():
            # start near the network-wide average of about one break per km in five years
            self.body[-1].bias.fill_(math.log(math.e - 1.0))
            self.body[-1].weight.mul_(0.1)
        self.register_buffer("center", CENTER.clone())
        self.register_buffer("scale", SCALE.clone())

    def forward(self, x):
        length_km = x[:, 0]
        z = (x[:, 1:] - self.center) / self.scale
        rate_per_km = nn.functional.softplus(self.body(z).squeeze(-1))
        return length_km * rate_per_km


def build_model(config, n_features):
    assert n_features == 6, "expects the six columns of the asset extract"
    return BreakRateNet(int(config.get("hidden_units", 32)), float(config.get("dropout", 0.0)))
