import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss

TARGET = "failed_within_2y"


class FailureRiskModel:
    """Boosted failure-risk score with the maintenance team's alert threshold."""

    def __init__(self, clf, threshold):
        self.clf = clf
        self.threshold = threshold

    def predict_proba(self, X):
        return self.clf.predict_proba(np.asarray(X, dtype=float))

    def predict(self, X):
        p_fail = self.predict_proba(X)[:, 0]
        return (p_fail >= self.threshold).astype(int)


def train_model(data_train, data_val, config, monitor):
    feats = [c for c in data_train.columns if c != TARGET]
    X_tr = data_train[feats].to_numpy(float)
    y_tr = data_train[TARGET].to_numpy(int)
    X_va = data_val[feats].to_numpy(float)
    y_va = data_val[TARGET].to_numpy(int)

    clf = HistGradientBoostingClassifier(
        learning_rate=config["lr"],
        max_depth=config["max_depth"],
        min_samples_leaf=config["min_samples_leaf"],
        l2_regularization=config["l2_regularization"],
        max_iter=0,
        warm_start=True,
        early_stopping=False,
        random_state=config.get("seed", 0),
    )
    model = FailureRiskModel(clf, config["threshold"])
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        clf.max_iter += config["trees_per_epoch"]
        clf.fit(X_tr, y_tr)
        train_loss = log_loss(y_tr, clf.predict_proba(X_tr), labels=[0, 1])
        val_loss = log_loss(y_va, clf.predict_proba(X_va), labels=[0, 1])
        train_acc = float(np.mean(model.predict(X_tr) == y_tr))
        val_acc = float(np.mean(model.predict(X_va) == y_va))
        monitor.log_epoch(train_loss=train_loss, val_loss=val_loss, metric=val_acc,
                          train_accuracy=train_acc, n_trees=clf.n_iter_, time_s=time.time() - t0)
        if monitor.should_stop:
            break
    return model
