from sklearn.tree import DecisionTreeRegressor


def build_estimator(config):
    # one interpretable tree, so that the inspection team can read the splits
    return DecisionTreeRegressor(
        criterion=config["criterion"],
        max_depth=config["max_depth"],
        min_samples_split=config["min_samples_split"],
        min_samples_leaf=config["min_samples_leaf"],
        ccp_alpha=config["ccp_alpha"],
        random_state=config.get("seed", 0),
    )
