import time

import numpy as np
from sklearn.ensemble import ExtraTreesClassifier

TARGET = "defect_class"
READINGS = ["plate_thickness_mm", "current_A", "voltage_V", "travel_speed_mm_s", "wire_feed_m_min",
            "gas_flow_l_min", "tip_distance_mm", "surface_contamination"]


def seam_features(readings):
    """Cell readings plus the heat input of each seam and of the seam welded just before it (the torch and the
    fixture are still warm from it). Rows must be in production order; the first seam has no predecessor."""
    X = np.asarray(readings, dtype=float)
    heat = 0.8 * X[:, 1] * X[:, 2] / (1000.0 * X[:, 3])          # kJ/mm
    heat_per_mm = heat / X[:, 0]
    feats = np.column_stack([X, heat, heat_per_mm])
    return np.column_stack([feats[1:], heat[:-1]])


class SeamClassifier:
    def __init__(self, forest):
        self.forest = forest

    def predict(self, readings):
        X = np.asarray(readings, dtype=float)
        X = np.vstack([X[:1], X])                  # the first seam of a batch: its own heat stands in for the previous one
        return self.forest.predict(seam_features(X))


def train_model(data_train, data_val, config):
    X_tr = seam_features(data_train[READINGS].to_numpy())
    y_tr = data_train[TARGET].to_numpy()[1:]
    y_va = data_val[TARGET].to_numpy()

    forest = ExtraTreesClassifier(n_estimators=0, warm_start=True, max_features=config["max_features"],
                                  min_samples_leaf=config["min_samples_leaf"], random_state=config["seed"], n_jobs=1)
    model = SeamClassifier(forest)
    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "train_accuracy": [], "time_s": []}
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        forest.n_estimators = epoch * config["trees_per_epoch"]
        forest.fit(X_tr, y_tr)
        train_acc = float(np.mean(forest.predict(X_tr) == y_tr))
        val_acc = float(np.mean(model.predict(data_val[READINGS].to_numpy()) == y_va))
        history["epoch"].append(epoch)
        history["train_loss"].append(1.0 - train_acc)
        history["val_loss"].append(1.0 - val_acc)
        history["metric"].append(val_acc)
        history["train_accuracy"].append(train_acc)
        history["time_s"].append(round(time.time() - t0, 3))
    return model, history
