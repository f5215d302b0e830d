"""Customer churn classifier: standardized features + logistic-loss linear model trained by SGD."""
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_estimator(config):
    return Pipeline([
        ("scale", StandardScaler()),
        ("clf", SGDClassifier(loss="log_loss", alpha=float(config["weight_decay"]),
                              max_iter=int(config["epochs"]), tol=1e-4,
                              learning_rate=config["lr_schedule"], eta0=float(config["lr"]),
                              random_state=int(config.get("seed", 0)))),
    ])
