from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def build_estimator(config):
    # instrument readings are on very different scales (N, Brix, ppm, g), so they are standardised first
    return Pipeline([
        ("scale", StandardScaler()),
        ("svc", SVC(kernel=config["kernel"], C=config["C"], gamma=config["gamma"],
                    class_weight=config.get("class_weight"), random_state=config.get("seed", 0))),
    ])
