"""Tomato leaf disease from 20 features of segmented leaf photos (Keras 3, torch backend)."""
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np
import keras

TARGET = "disease_class"
N_CLASSES = 5          # healthy, early blight, late blight, leaf mould, septoria leaf spot


def _xy(df):
    feats = [c for c in df.columns if c != TARGET]
    return df[feats].to_numpy("float32"), df[TARGET].to_numpy("int64")


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(int(config.get("seed", 0)))
    x_tr, y_tr = _xy(data_train)
    x_va, y_va = _xy(data_val)
    norm = keras.layers.Normalization()
    norm.adapt(x_tr)
    width = int(config["hidden_units"])
    model = keras.Sequential([
        keras.Input(shape=(x_tr.shape[1],)),
        norm,
        keras.layers.Dense(width, activation="relu"),
        keras.layers.Dropout(float(config["dropout"])),
        keras.layers.Dense(width, activation="relu"),
        keras.layers.Dense(N_CLASSES, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=float(config["lr"]), momentum=float(config["momentum"])),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    fit = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=int(config["epochs"]),
                    batch_size=int(config["batch_size"]), verbose=0)
    return model, fit.history
