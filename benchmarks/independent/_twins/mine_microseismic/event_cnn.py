"""Classify triggered microseismic records (noise / blast / rockburst) from the three geophone components with a
small 1-D CNN (Keras 3). Each CSV row holds one record: 64 samples of z, then of n, then of e."""
import numpy as np
import keras
from keras import layers

TARGET = "event_class"
N_STEPS, N_COMP, N_CLASSES = 64, 3, 3


def build(config):
    inp = keras.Input(shape=(N_STEPS * N_COMP,))
    x = layers.Reshape((N_COMP, N_STEPS))(inp)
    x = layers.Permute((2, 1))(x)                              # (time, component) for Conv1D
    x = layers.Conv1D(16, 7, padding="same", activation="relu")(x)
    x = layers.MaxPooling1D(2)(x)
    x = layers.Conv1D(32, 5, padding="same", activation="relu")(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dropout(float(config["dropout"]))(x)
    x = layers.Dense(int(config["hidden_units"]), activation="relu")(x)
    out = layers.Dense(N_CLASSES, activation="softmax")(x)
    return keras.Model(inp, out)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32")
    x_va = data_val[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("int64")
    y_va = data_val[TARGET].to_numpy("int64")
    model = build(config)
    opt = keras.optimizers.Adam(learning_rate=float(config["lr"])) if config["optimizer"] == "adam" \
        else keras.optimizers.SGD(learning_rate=float(config["lr"]), momentum=0.9)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=int(config["epochs"]),
                     batch_size=int(config["batch_size"]), verbose=0)
    return model, hist.history
