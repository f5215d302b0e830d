"""Compressive strength of concrete cylinders, scikit-learn MLP."""
from sklearn.neural_network import MLPRegressor


def build_estimator(config):
    h = int(config["hidden_units"])
    return MLPRegressor(hidden_layer_sizes=(h, h),
                        activation=config["activation"],
                        solver=config["optimizer"],
                        learning_rate_init=float(config["lr"]),
                        alpha=float(config["weight_decay"]),
                        batch_size=int(config["batch_size"]),
                        max_iter=int(config["epochs"]),
                        random_state=int(config.get("seed", 0)))
