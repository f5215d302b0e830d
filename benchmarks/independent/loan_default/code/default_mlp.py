import time
import numpy as np
from sklearn.metrics import f1_score, log_loss
from sklearn.neural_network import MLPClassifier

FEATURES = ["annual_income_usd", "loan_amount_usd", "credit_score", "debt_to_income",
            "employment_years", "past_delinquencies", "term_months"]
TARGET = "default"


def train_model(data_train, data_val, config):
    x_tr = data_train[FEATURES].to_numpy(float); y_tr = data_train[TARGET].to_numpy(int)
    x_va = data_val[FEATURES].to_numpy(float); y_va = data_val[TARGET].to_numpy(int)
    model = MLPClassifier(hidden_layer_sizes=tuple(config["hidden_units"]), activation=config["activation"],
                          alpha=config["alpha"], batch_size=config["batch_size"],
                          learning_rate_init=config["lr"], random_state=config.get("seed", 0))
    classes = np.array([0, 1])
    rng = np.random.default_rng(config.get("seed", 0))
    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "val_f1": [], "time_s": []}
    t0 = time.time()
    for epoch in range(1, config["epochs"] + 1):
        order = rng.permutation(len(x_tr))
        model.partial_fit(x_tr[order], y_tr[order], classes=classes)
        p_va = model.predict_proba(x_va)[:, 1]
        pred = (p_va >= 0.5).astype(int)
        history["epoch"].append(epoch)
        history["train_loss"].append(float(model.loss_))
        history["val_loss"].append(float(log_loss(y_va, p_va, labels=classes)))
        history["metric"].append(float(np.mean(pred == y_va)))
        history["val_f1"].append(float(f1_score(y_va, pred, zero_division=0)))
        history["time_s"].append(round(time.time() - t0, 3))
    return model, history
