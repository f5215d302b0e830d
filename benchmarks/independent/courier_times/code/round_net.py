import torch
import torch.nn as nn

# rough operating ranges used to put the numeric inputs on a common scale
NUM_CENTER = torch.tensor([15.0, 15.0, 10.5, 0.3])   # distance_km, n_stops, start_hour, raining
NUM_SCALE = torch.tensor([10.0, 8.0, 2.5, 0.5])


class RoundNet(nn.Module):
    """depot embedding + numeric features -> hours for the round. Column 0 is depot_id."""

    def __init__(self, n_depots, emb_dim, n_numeric, hidden, base_hours):
        super().__init__()
        self.depot = nn.Embedding(n_depots, emb_dim)
        self.mlp = nn.Sequential(
            nn.Linear(emb_dim + n_numeric, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )
        self.register_buffer("center", NUM_CENTER[:n_numeric].clone())
        self.register_buffer("scale", NUM_SCALE[:n_numeric].clone())
        self.base_hours = base_hours

    def forward(self, x):
        d = x[:, 0].long()
        num = (x[:, 1:] - self.center) / self.scale
        return self.base_hours + self.mlp(torch.cat([self.depot(d), num], dim=1))


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return RoundNet(config["n_depots"], config["embedding_dim"], n_features - 1, config["hidden_units"],
                    config["base_hours"])
