"""Weekly pothole reports per road segment: a small Keras network on log counts."""
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np
import keras
from keras import layers

TARGET = "reports"


class ReportModel:
    """Answers in reports per segment-week."""

    def __init__(self, net):
        self.net = net

    def predict(self, X):
        z = self.net.predict(np.asarray(X, dtype="float32"), verbose=0).reshape(-1)
        return np.clip(np.expm1(z), 0.0, None)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    x_tr = data_train.drop(columns=[TARGET]).to_numpy("float32")
    x_va = data_val.drop(columns=[TARGET]).to_numpy("float32")
    y_tr = np.log1p(data_train[TARGET].to_numpy("float32"))
    y_va = np.log1p(data_val[TARGET].to_numpy("float32"))

    norm = layers.Normalization()
    norm.adapt(x_tr)
    net = keras.Sequential([
        keras.Input(shape=(x_tr.shape[1],)),
        norm,
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dense(1),
    ])
    net.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]), loss="mse")
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=config["early_stopping_patience"],
                                         restore_best_weights=True)
    hist = net.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                   batch_size=config["batch_size"], callbacks=[stop], verbose=0)
    return ReportModel(net), hist.history
