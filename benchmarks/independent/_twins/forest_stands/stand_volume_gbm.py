import time
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor

TARGET = "volume_m3ha"
RAW = ["species_code", "stand_age_yr", "site_index_m", "lidar_top_height_m", "basal_area_m2ha", "stems_per_ha"]
HOLDOUT = 0.2      # share of the plots kept aside to decide when to stop adding trees
TRIM = 0.01        # share of plots dropped at each end of the volume range (gross recording errors)


class StandVolume:
    def __init__(self, gbm):
        self.gbm = gbm

    def predict(self, X):
        if isinstance(X, pd.DataFrame):
            X = X[RAW].to_numpy()
        return self.gbm.predict(features(np.asarray(X, dtype=np.float64)))


def features(X):
    """Raw inventory columns (RAW order) plus the stand-level products the volume tables use."""
    h, g, n = X[:, 3], X[:, 4], X[:, 5]
    return np.column_stack([X, g * h, np.sqrt(g / n * 40000 / np.pi)])   # G*H and quadratic mean diameter (cm)


def clean(df):
    df = df[(df["lidar_top_height_m"] > 0) & (df["basal_area_m2ha"] > 0) & (df["stems_per_ha"] > 0)]
    df = df.dropna(subset=RAW + [TARGET])
    df = df.sort_values(TARGET)
    k = int(len(df) * TRIM)
    return df.iloc[k:len(df) - k].sort_index()


def train_model(data_train, data_val, config):
    df = clean(data_train)
    n_hold = int(len(df) * HOLDOUT)
    fit_df, hold_df = df.iloc[:-n_hold], df.iloc[-n_hold:]
    X_fit, y_fit = features(fit_df[RAW].to_numpy(np.float64)), fit_df[TARGET].to_numpy()
    X_hold, y_hold = features(hold_df[RAW].to_numpy(np.float64)), hold_df[TARGET].to_numpy()
    X_val, y_val = features(data_val[RAW].to_numpy(np.float64)), data_val[TARGET].to_numpy()

    gbm = GradientBoostingRegressor(learning_rate=config["lr"], max_depth=config["max_depth"],
                                    subsample=config["subsample"], n_estimators=0, warm_start=True,
                                    random_state=config.get("seed", 0))
    hist = {k: [] for k in ["epoch", "train_loss", "val_loss", "metric", "holdout_rmse", "n_trees", "time_s"]}
    best, since_best = np.inf, 0
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        gbm.n_estimators += config["trees_per_epoch"]
        gbm.fit(X_fit, y_fit)
        tr_mse = float(np.mean((gbm.predict(X_fit) - y_fit) ** 2))
        va_mse = float(np.mean((gbm.predict(X_val) - y_val) ** 2))
        ho_rmse = float(np.sqrt(np.mean((gbm.predict(X_hold) - y_hold) ** 2)))
        for k, v in zip(hist, [epoch, tr_mse, va_mse, np.sqrt(va_mse), ho_rmse, gbm.n_estimators, time.time() - t0]):
            hist[k].append(v)
        if ho_rmse < best - 1e-6:
            best, since_best = ho_rmse, 0
        else:
            since_best += 1
            if since_best >= config["early_stopping_patience"]:
                break
    return StandVolume(gbm), hist
