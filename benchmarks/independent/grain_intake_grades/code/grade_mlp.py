import time
import numpy as np
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

TARGET = "grade"
CATEGORICAL = ["variety", "region"]
NUMERIC = ["protein_pct", "moisture_pct", "test_weight_kg_hl", "falling_number_s", "screenings_pct"]
COLUMNS = CATEGORICAL + NUMERIC          # order of the intake export


class IntakePrep:
    """median imputation + standardisation of the lab readings, one-hot codes for variety and region"""

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.levels = [np.unique(X[:, j][~np.isnan(X[:, j])]) for j in range(len(CATEGORICAL))]
        num = X[:, len(CATEGORICAL):]
        self.median = np.nanmedian(num, axis=0)
        filled = np.where(np.isnan(num), self.median, num)
        self.mean = filled.mean(axis=0)
        self.sd = filled.std(axis=0)
        return self

    def transform(self, X):
        X = np.asarray(X, dtype=float)
        parts = [(X[:, [j]] == lev[None, :]).astype(float) for j, lev in enumerate(self.levels)]
        num = X[:, len(CATEGORICAL):]
        num = np.where(np.isnan(num), self.median, num)
        parts.append((num - self.mean) / self.sd)
        return np.hstack(parts)


class GradeModel:
    def __init__(self, prep, net):
        self.prep, self.net = prep, net

    def predict_proba(self, X):
        return self.net.predict_proba(self.prep.transform(X))

    def predict(self, X):
        return self.net.predict(self.prep.transform(X))


def train_model(data_train, data_val, config, monitor):
    X_tr = data_train[COLUMNS].to_numpy(float); y_tr = data_train[TARGET].to_numpy(int)
    X_va = data_val[COLUMNS].to_numpy(float); y_va = data_val[TARGET].to_numpy(int)
    prep = IntakePrep().fit(X_tr)
    Z_tr, Z_va = prep.transform(X_tr), prep.transform(X_va)
    classes = np.unique(y_tr)

    net = MLPClassifier(hidden_layer_sizes=(config["hidden_units"], config["hidden_units"]),
                        activation="relu", solver="adam", learning_rate_init=config["lr"],
                        alpha=config["weight_decay"], batch_size=config["batch_size"],
                        random_state=config.get("seed", 0))
    rng = np.random.default_rng(config.get("seed", 0))
    best, wait = -np.inf, 0
    for epoch in range(config["epochs"]):
        t0 = time.time()
        order = rng.permutation(len(Z_tr))
        net.partial_fit(Z_tr[order], y_tr[order], classes=classes)
        p_tr, p_va = net.predict_proba(Z_tr), net.predict_proba(Z_va)
        acc = float(np.mean(classes[p_va.argmax(1)] == y_va))
        monitor.log_epoch(train_loss=log_loss(y_tr, p_tr, labels=classes),
                          val_loss=log_loss(y_va, p_va, labels=classes), metric=acc,
                          train_accuracy=float(np.mean(classes[p_tr.argmax(1)] == y_tr)),
                          lr=config["lr"], time_s=time.time() - t0)
        if acc > best + 1e-4:
            best, wait = acc, 0
        else:
            wait += 1
        if wait >= config["early_stopping_patience"] or monitor.should_stop:
            break
    return GradeModel(prep, net)
