"""Hourly roadside NO2 from air temperature, wind, traffic and hour of day, random forest."""
from sklearn.ensemble import RandomForestRegressor


def build_estimator(config):
    return RandomForestRegressor(n_estimators=int(config["n_estimators"]),
                                 max_depth=config["max_depth"] if config["max_depth"] else None,
                                 min_samples_leaf=int(config["min_samples_leaf"]),
                                 random_state=int(config.get("seed", 0)), n_jobs=1)
