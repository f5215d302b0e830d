from sklearn.ensemble import HistGradientBoostingClassifier


def build_estimator(config):
    return HistGradientBoostingClassifier(
        learning_rate=config["lr"],
        max_iter=config["epochs"],
        max_leaf_nodes=config["max_leaf_nodes"],
        min_samples_leaf=config["min_samples_leaf"],
        l2_regularization=config["l2_regularization"],
        early_stopping=False,
        random_state=config.get("seed", 0),
    )
