"""Botanical origin of unifloral honey (acacia, chestnut, heather, lime) from the lab's routine
physico-chemical panel. Keras 3 on the torch backend."""
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np
import keras
from keras import layers

TARGET = "origin"
N_CLASSES = 4


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32"); y_tr = data_train[TARGET].to_numpy("int64")
    x_va = data_val[feats].to_numpy("float32"); y_va = data_val[TARGET].to_numpy("int64")

    norm = layers.Normalization()
    norm.adapt(x_tr)
    model = keras.Sequential([
        keras.Input(shape=(len(feats),)),
        norm,
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dense(N_CLASSES, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=["accuracy"])
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                     batch_size=config["batch_size"], verbose=0)
    return model, hist.history
