import numpy as np
import keras
from keras import layers

TARGET = "hail"


class HailNowcaster:
    """The trained network plus the 0.5 warning threshold the forecasters use."""

    def __init__(self, net, threshold=0.5):
        self.net = net
        self.threshold = threshold

    def predict_proba(self, X):
        return np.asarray(self.net.predict(np.asarray(X, dtype="float32"), verbose=0)).reshape(-1)

    def predict(self, X):
        return (self.predict_proba(X) >= self.threshold).astype(int)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(0)
    feats = [c for c in data_train.columns if c != TARGET]
    X_tr = data_train[feats].to_numpy("float32")
    X_va = data_val[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("float32").reshape(-1, 1)
    y_va = data_val[TARGET].to_numpy("float32").reshape(-1, 1)

    norm = layers.Normalization()
    norm.adapt(X_tr)
    h = config["hidden_units"]
    net = keras.Sequential([
        keras.Input(shape=(len(feats),)),
        norm,
        layers.Dense(h, activation="relu"),
        layers.Dropout(config["dropout"]),
        layers.Dense(h // 2, activation="relu"),
        layers.Dense(1, activation="sigmoid"),   # probability of hail
    ])
    net.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]),
                loss=config["loss"], metrics=["accuracy"])
    hist = net.fit(X_tr, y_tr, validation_data=(X_va, y_va), epochs=config["epochs"],
                   batch_size=config["batch_size"], shuffle=True, verbose=0)
    return HailNowcaster(net), hist.history
