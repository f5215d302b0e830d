import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.ensemble import HistGradientBoostingRegressor

# columns of data/*.csv (target removed): minute_of_day, day_of_week, yesterday_mean_kw, week_ago_mean_kw, temp_forecast_c


def time_features(X):
    X = np.asarray(X, dtype=float)
    minute = X[:, 0]
    dow = X[:, 1]
    # time of day and day of week on their circles, so that 23:45 sits next to 00:00 and Sunday next to Monday
    tod_sin = np.sin(2 * np.pi * minute / 1440)
    tod_cos = np.cos(2 * np.pi * minute / 1440)
    dow_sin = np.sin(2 * np.pi * dow / 7)
    dow_cos = np.cos(2 * np.pi * dow / 7)
    weekend = (dow >= 5).astype(float)
    return np.column_stack([tod_sin, tod_cos, dow_sin, dow_cos, weekend, X[:, 2:]])


def build_estimator(config):
    gbm = HistGradientBoostingRegressor(
        learning_rate=config["lr"],
        max_iter=config["epochs"],
        max_leaf_nodes=config["max_leaf_nodes"],
        min_samples_leaf=config["min_samples_leaf"],
        l2_regularization=config["l2_regularization"],
        early_stopping=False,
        random_state=config.get("seed", 0),
    )
    return Pipeline([("calendar", FunctionTransformer(time_features)), ("gbm", gbm)])
