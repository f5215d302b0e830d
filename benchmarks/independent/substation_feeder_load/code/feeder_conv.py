import torch
import torch.nn as nn

N_LAGS = 48                       # load_lag48_mw ... load_lag1_mw, oldest first
LOAD_CENTRE, LOAD_SCALE = 26.0, 7.0   # MW, typical level and spread of this feeder
TEMP_CENTRE, TEMP_SCALE = 12.0, 6.0   # degC


class FeederConv(nn.Module):
    """Linear autoregressive path plus a small causal convolution over the last two days."""

    def __init__(self, n_features, channels=8, hidden=32):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)
        self.conv = nn.Sequential(
            nn.Conv1d(1, channels, kernel_size=5), nn.ReLU(),
            nn.Conv1d(channels, channels, kernel_size=5, dilation=2), nn.ReLU(),
        )
        n_conv = channels * (N_LAGS - 4 - 8)
        self.mlp = nn.Sequential(nn.Linear(n_conv + n_features - N_LAGS, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        nn.init.zeros_(self.mlp[-1].weight)
        nn.init.zeros_(self.mlp[-1].bias)

    def forward(self, x):
        lags = (x[:, :N_LAGS] - LOAD_CENTRE) / LOAD_SCALE
        cal = x[:, N_LAGS:N_LAGS + 3]                          # hour_sin, hour_cos, weekend
        temp = (x[:, N_LAGS + 3:N_LAGS + 4] - TEMP_CENTRE) / TEMP_SCALE
        z = torch.cat([lags, cal, temp], dim=1)
        h = self.conv(lags.unsqueeze(1)).flatten(1)
        out = self.linear(z) + self.mlp(torch.cat([h, cal, temp], dim=1))
        return LOAD_CENTRE + LOAD_SCALE * out.squeeze(-1)


def build_model(config, n_features):
    torch.manual_seed(config.get("seed", 0))
    return FeederConv(n_features, config.get("channels", 8), config.get("hidden_units", 32))
