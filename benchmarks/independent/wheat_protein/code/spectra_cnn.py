import torch
import torch.nn as nn


class SpectraCNN(nn.Module):
    """1-D CNN over a 64-band NIR absorbance spectrum (1100-2500 nm) -> protein %."""

    def __init__(self, n_bands, channels, hidden, protein_mean, protein_scale):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(2, channels, kernel_size=7, padding=3), nn.ReLU(),
            nn.MaxPool1d(2),
            nn.Conv1d(channels, channels, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool1d(2),
        )
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(channels * (n_bands // 4), hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )
        self.protein_mean = protein_mean
        self.protein_scale = protein_scale

    def forward(self, x):
        # first-difference of the spectrum removes the baseline offset between samples
        d = torch.diff(x, dim=1, prepend=x[:, :1])
        z = self.head(self.conv(torch.stack([x, d * 10], dim=1)))
        return self.protein_mean + self.protein_scale * z.squeeze(-1)


def init_weights(model, scheme):
    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Linear)):
            if scheme == "zeros":
                nn.init.zeros_(m.weight)
            elif scheme == "xavier":
                nn.init.xavier_uniform_(m.weight)
            elif scheme == "kaiming":
                nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
            # anything else: PyTorch's default initialisation
            nn.init.zeros_(m.bias)


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    model = SpectraCNN(n_features, config["channels"], config["hidden_units"],
                       config["protein_mean"], config["protein_scale"])
    init_weights(model, config.get("init", "default"))
    return model
