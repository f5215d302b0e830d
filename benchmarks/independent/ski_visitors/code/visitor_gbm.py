"""Daily lift-ticket sales of a ski resort from snow, weather and calendar, gradient-boosted trees."""
from sklearn.ensemble import GradientBoostingRegressor


def build_estimator(config):
    return GradientBoostingRegressor(n_estimators=int(config["epochs"]), learning_rate=float(config["lr"]),
                                     max_depth=int(config["max_depth"]), subsample=float(config["subsample"]),
                                     min_samples_leaf=int(config["min_samples_leaf"]),
                                     random_state=int(config.get("seed", 0)))
