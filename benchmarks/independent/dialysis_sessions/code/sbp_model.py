import numpy as np
import pandas as pd
from sklearn.linear_model import SGDRegressor
from sklearn.preprocessing import StandardScaler

TARGET = "sbp_mmHg"
COVARIATES = ["weight_gain_kg", "long_gap", "session_hour", "age_y", "dry_weight_kg"]
COLUMNS = ["patient_id"] + COVARIATES          # CSV column order without the target


def design(df, levels):
    """Session covariates plus the patient's usual pre-dialysis pressure (mean of the training sessions)."""
    X = df[COVARIATES].copy()
    X["patient_level"] = df["patient_id"].map(levels)
    X = X.fillna(0.0)
    return X.to_numpy(float)


class SBPModel:
    def __init__(self, levels, scaler, reg):
        self.levels, self.scaler, self.reg = levels, scaler, reg

    def predict(self, X):
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X), columns=COLUMNS)
        df = df.assign(patient_id=df["patient_id"].astype(int))
        return self.reg.predict(self.scaler.transform(design(df, self.levels)))


def train_model(data_train, data_val, config):
    levels = data_train.groupby("patient_id")[TARGET].mean()
    Xtr = design(data_train, levels)
    Xva = design(data_val, levels)
    ytr = data_train[TARGET].to_numpy(float)
    yva = data_val[TARGET].to_numpy(float)

    scaler = StandardScaler().fit(Xtr)
    Xtr, Xva = scaler.transform(Xtr), scaler.transform(Xva)
    reg = SGDRegressor(penalty="l2", alpha=config["alpha"], learning_rate="invscaling",
                       eta0=config["lr"], random_state=config.get("seed", 0))
    rng = np.random.default_rng(config.get("seed", 0))
    hist = {"epoch": [], "train_loss": [], "val_loss": [], "metric": []}
    for epoch in range(1, config["epochs"] + 1):
        order = rng.permutation(len(ytr))
        for i in range(0, len(ytr), config["batch_size"]):
            b = order[i:i + config["batch_size"]]
            reg.partial_fit(Xtr[b], ytr[b])
        mse_tr = float(np.mean((reg.predict(Xtr) - ytr) ** 2))
        mse_va = float(np.mean((reg.predict(Xva) - yva) ** 2))
        hist["epoch"].append(epoch)
        hist["train_loss"].append(mse_tr)
        hist["val_loss"].append(mse_va)
        hist["metric"].append(mse_va ** 0.5)
    return SBPModel(levels, scaler, reg), hist
