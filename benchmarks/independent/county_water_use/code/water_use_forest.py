from sklearn.ensemble import RandomForestRegressor


def build_estimator(config):
    # a forest rather than a regression: irrigation use rises with heat and falls with rain non-linearly
    return RandomForestRegressor(
        n_estimators=config["n_estimators"],
        max_depth=config["max_depth"] or None,
        min_samples_leaf=config["min_samples_leaf"],
        max_features=config["max_features"],
        bootstrap=True,
        random_state=config.get("seed", 0),
        n_jobs=1,
    )
