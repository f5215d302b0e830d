from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_estimator(config):
    hidden = tuple([config["hidden_units"]] * config["n_layers"])
    net = MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=config["activation"],
        solver=config["optimizer"],
        learning_rate_init=config["lr"],
        momentum=config["momentum"],
        batch_size=config["batch_size"],
        max_iter=config["epochs"],
        alpha=config["weight_decay"],
        early_stopping=True,                     # hold out 10 % of the transects, keep the best epoch
        n_iter_no_change=config["early_stopping_patience"],
        random_state=config["seed"],
    )
    return Pipeline([("scale", StandardScaler()), ("net", net)])
