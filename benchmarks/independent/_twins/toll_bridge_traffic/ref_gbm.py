# reference only (healthy program, no twin): HistGradientBoostingRegressor with default settings on the 9 raw columns, one history row
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor


def train_model(data_train, data_val, config):
    f = [c for c in data_train.columns if c != "crossings"]
    m = HistGradientBoostingRegressor(random_state=0).fit(data_train[f].to_numpy(), data_train["crossings"].to_numpy())
    r = lambda d: float(np.sqrt(np.mean((m.predict(d[f].to_numpy()) - d["crossings"].to_numpy()) ** 2)))
    return m, {"epoch": [1], "train_loss": [r(data_train)], "val_loss": [r(data_val)], "metric": [r(data_val)]}
