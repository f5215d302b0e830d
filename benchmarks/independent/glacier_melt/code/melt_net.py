import math
import torch
import torch.nn as nn

# typical summer conditions at the station, used to centre and scale the inputs
CENTER = torch.tensor([5.0, 200.0, 0.45, 3.5, 70.0])   # air_temp_C, shortwave_in_W_m2, albedo, wind_speed_m_s, rel_humidity_pct
SCALE = torch.tensor([3.0, 50.0, 0.2, 2.0, 15.0])


class MeltNet(nn.Module):
    """daily weather -> melt in mm w.e.; the network predicts log-melt so that melt stays positive"""

    def __init__(self, n_features, hidden, n_layers, typical_melt):
        super().__init__()
        layers, width = [], n_features
        for _ in range(n_layers):
            layers += [nn.Linear(width, hidden), nn.ReLU()]
            width = hidden
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(width, 1)
        nn.init.constant_(self.head.bias, math.log(typical_melt))
        self.register_buffer("center", CENTER[:n_features].clone())
        self.register_buffer("scale", SCALE[:n_features].clone())

    def forward(self, x):
        z = (x - self.center) / self.scale
        return torch.exp(self.head(self.body(z)))


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return MeltNet(n_features, config["hidden_units"], config["n_layers"], config["typical_melt_mm"])
