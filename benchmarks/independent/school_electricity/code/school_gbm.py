"""Daily electricity use per school: gradient-boosted trees with the school as a categorical feature."""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

TARGET = "electricity_kWh"
FEATURES = ["building_id", "date_index", "outdoor_temp_C", "school_day", "daylight_h"]


def prepare(df):
    """Model matrix: the building code becomes a small integer category (HGB needs codes below max_bins)."""
    X = df[FEATURES].copy()
    X["building_id"] = pd.factorize(X["building_id"])[0]
    X["heating_dd"] = np.clip(15.0 - X["outdoor_temp_C"], 0, None)
    return X


class SchoolModel:
    def __init__(self, gbm):
        self.gbm = gbm

    def predict(self, X):
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(np.asarray(X), columns=FEATURES)
        return self.gbm.predict(prepare(X))


def train_model(data_train, data_val, config, monitor):
    X_tr, y_tr = prepare(data_train), data_train[TARGET].to_numpy()
    X_va, y_va = prepare(data_val), data_val[TARGET].to_numpy()
    step = int(config.get("trees_per_epoch", 10))
    gbm = HistGradientBoostingRegressor(
        learning_rate=config["lr"], max_iter=step, max_leaf_nodes=config["max_leaf_nodes"],
        min_samples_leaf=config["min_samples_leaf"], l2_regularization=config["l2_regularization"],
        categorical_features=[0], early_stopping=False, warm_start=True, random_state=config.get("seed", 0))
    for epoch in range(1, config["epochs"] + 1):
        gbm.max_iter = step * epoch
        gbm.fit(X_tr, y_tr)
        tr_mse = float(np.mean((gbm.predict(X_tr) - y_tr) ** 2))
        va_mse = float(np.mean((gbm.predict(X_va) - y_va) ** 2))
        monitor.log_epoch(train_loss=tr_mse, val_loss=va_mse, metric=va_mse ** 0.5, lr=config["lr"])
        if monitor.should_stop:
            break
    return SchoolModel(gbm)
