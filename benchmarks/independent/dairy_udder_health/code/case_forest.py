from sklearn.ensemble import RandomForestClassifier


def build_estimator(config):
    # the vets want the importances for the herd reports
    return RandomForestClassifier(
        n_estimators=config["n_estimators"],
        max_depth=config["max_depth"] or None,
        min_samples_leaf=config["min_samples_leaf"],
        max_features=config["max_features"],
        class_weight=None,
        n_jobs=1,
        random_state=config.get("seed", 0),
    )
