from sklearn.ensemble import HistGradientBoostingRegressor

# columns of data/train.csv (target excluded): day_of_week, holiday, temp_max_c, precip_mm,
# trips_lag1, trips_lag7, trips_7d_mean


def build_estimator(config):
    # daily trip counts: Poisson deviance, log link; day of week as a categorical split
    return HistGradientBoostingRegressor(
        loss="poisson",
        learning_rate=config["lr"],
        max_iter=config["epochs"],
        max_leaf_nodes=config["max_leaf_nodes"],
        min_samples_leaf=config["min_samples_leaf"],
        l2_regularization=config["l2_regularization"],
        categorical_features=[0],
        early_stopping=False,
        random_state=config.get("seed", 0),
    )
