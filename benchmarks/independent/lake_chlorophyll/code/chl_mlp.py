"""Chlorophyll-a in monitored lakes: an MLP on log chlorophyll with seasonal features from the sampling date."""
import numpy as np
import pandas as pd
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

TARGET = "chlorophyll_ugL"
COLUMNS = ["day_number", "lake_depth_m", "total_phosphorus_ugL", "water_temp_C", "wind_ms"]
EPOCHS = 80
BATCH = 64
LR = 0.002


def features(df):
    """Sampling date -> season; phosphorus and depth on log scales."""
    date = pd.to_datetime(df["day_number"], unit="D", origin="2000-01-01")
    doy = date.dt.day_of_year.to_numpy()
    return pd.DataFrame({
        "season_sin": np.sin(2 * np.pi * doy / 365.25),
        "season_cos": np.cos(2 * np.pi * doy / 365.25),
        "log_tp": np.log10(df["total_phosphorus_ugL"].to_numpy()),
        "log_depth": np.log10(df["lake_depth_m"].to_numpy()),
        "water_temp_C": df["water_temp_C"].to_numpy(),
        "wind_ms": df["wind_ms"].to_numpy(),
    })


class ChlModel:
    def __init__(self, mlp, scaler):
        self.mlp, self.scaler = mlp, scaler

    def predict(self, X):
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(np.asarray(X, dtype=float), columns=COLUMNS)
        z = self.mlp.predict(self.scaler.transform(features(X)))
        return np.exp(z)


def train_model(data_train, data_val):
    scaler = StandardScaler().fit(features(data_train))
    x_tr = scaler.transform(features(data_train))
    x_va = scaler.transform(features(data_val))
    # chlorophyll is log-normal: fit on log10 and report in ug/L
    z_tr = np.log10(data_train[TARGET].to_numpy())
    z_va = np.log10(data_val[TARGET].to_numpy())
    mlp = MLPRegressor(hidden_layer_sizes=(32, 32), learning_rate_init=LR, random_state=0)
    model = ChlModel(mlp, scaler)
    rng = np.random.default_rng(0)
    history = []
    for epoch in range(1, EPOCHS + 1):
        order = rng.permutation(len(x_tr))
        for i in range(0, len(order), BATCH):
            idx = order[i:i + BATCH]
            mlp.partial_fit(x_tr[idx], z_tr[idx])
        train_loss = float(np.mean((mlp.predict(x_tr) - z_tr) ** 2))
        val_loss = float(np.mean((mlp.predict(x_va) - z_va) ** 2))
        rmse = float(np.sqrt(np.mean((model.predict(data_val[COLUMNS]) - data_val[TARGET].to_numpy()) ** 2)))
        history.append({"epoch": epoch, "train_loss": train_loss, "val_loss": val_loss, "metric": rmse})
    return model, pd.DataFrame(history)
