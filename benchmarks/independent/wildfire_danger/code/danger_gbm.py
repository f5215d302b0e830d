from sklearn.ensemble import GradientBoostingClassifier


def build_estimator(config):
    # boosted shallow trees on the afternoon weather readings; one tree per class per round
    return GradientBoostingClassifier(
        loss="log_loss",
        learning_rate=config["lr"],
        n_estimators=config["epochs"],
        max_depth=config["max_depth"],
        subsample=config["subsample"],
        min_samples_leaf=config["min_samples_leaf"],
        random_state=config.get("seed", 0),
    )
