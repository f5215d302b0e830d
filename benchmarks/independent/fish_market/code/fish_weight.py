"""Weight of landed fish from length/height/width measurements and species, Keras 3."""
import numpy as np
import keras
from keras import layers

TARGET = "weight_kg"


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32")
    x_va = data_val[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy().astype("int32")
    y_va = data_val[TARGET].to_numpy().astype("float32")

    norm = layers.Normalization()
    norm.adapt(x_tr)
    h = int(config["hidden_units"])
    model = keras.Sequential([
        keras.Input((len(feats),)),
        norm,
        layers.Dense(h, activation="relu"),
        layers.Dense(h, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.Adam(float(config["lr"])), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=int(config["epochs"]),
                     batch_size=int(config["batch_size"]), verbose=0)
    return model, hist.history
