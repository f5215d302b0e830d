"""Daily milk yield of a dairy cow from lactation stage, parity, heat load and feed intake."""
from sklearn.svm import SVR


def build_estimator(config):
    return SVR(kernel=config["kernel"], C=float(config["C"]), epsilon=float(config["epsilon"]),
               gamma=config["gamma"])
