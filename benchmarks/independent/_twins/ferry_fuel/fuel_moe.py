import torch
import torch.nn as nn

# column order of data/*.csv (fuel_l is the target)
FEATURES = ["speed_kn", "wave_height_m", "headwind_ms", "payload_t", "sea_temp_C"]
# centre/scale of each input, from the 2022 logbook
X_CENTER = [12.5, 1.1, 0.0, 230.0, 11.0]
X_SCALE = [2.0, 0.8, 7.0, 110.0, 4.5]
# typical fuel burned per crossing and its spread, litres
FUEL_BASE, FUEL_SCALE = 235.0, 100.0


class FuelMixture(nn.Module):
    """A small mixture of experts: each expert is an MLP, a gating net decides how much each one speaks."""

    def __init__(self, n_features, n_experts, hidden):
        super().__init__()
        self.register_buffer("center", torch.tensor(X_CENTER[:n_features]))
        self.register_buffer("scale", torch.tensor(X_SCALE[:n_features]))
        self.experts = nn.ModuleList([
            nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, 1))
            for _ in range(n_experts)
        ])
        self.gate = nn.Sequential(nn.Linear(n_features, hidden), nn.Tanh(), nn.Linear(hidden, n_experts))

    def forward(self, x):
        z = (x - self.center) / self.scale
        weights = torch.softmax(self.gate(z), dim=1)
        outs = torch.cat([e(z) for e in self.experts], dim=1)
        head = (weights * outs).sum(dim=1)
        return FUEL_BASE + FUEL_SCALE * head


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return FuelMixture(n_features, config.get("n_experts", 3), config.get("hidden_units", 32))
