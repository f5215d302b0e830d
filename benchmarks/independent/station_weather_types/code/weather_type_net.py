"""Weather-type classifier for the station's automatic observations (5 observer-coded types)."""
import numpy as np
import keras
from keras import layers

TARGET = "weather_type"
N_TYPES = 5


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("int64")
    x_va = data_val[feats].to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("int64")

    norm = layers.Normalization()
    norm.adapt(x_tr)
    model = keras.Sequential([
        keras.Input(shape=(len(feats),)),
        norm,
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dropout(config["dropout"]),
        layers.Dense(config["hidden_units"], activation="relu"),
        layers.Dense(N_TYPES, activation="softmax"),
    ])
    opt = keras.optimizers.Adam(learning_rate=config["lr"], epsilon=config["epsilon"])
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                     batch_size=config["batch_size"], verbose=0)
    return model, hist.history
