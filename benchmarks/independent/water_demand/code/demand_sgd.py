from sklearn.linear_model import SGDRegressor


def build_estimator(config):
    return SGDRegressor(
        loss="squared_error",
        penalty="l2",
        alpha=config["alpha"],
        learning_rate="invscaling",
        eta0=config["lr"],
        max_iter=config["epochs"],
        tol=1e-4,
        random_state=config.get("seed", 0),
    )
