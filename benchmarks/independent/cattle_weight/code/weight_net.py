import numpy as np
import keras
from keras import layers

FEATURES = ["age_months", "heart_girth_cm", "body_length_cm", "withers_height_cm", "body_condition"]
TARGET = "live_weight_kg"


def build(n_in, hidden, norm, y_mean, y_std):
    inp = keras.Input(shape=(n_in,), name="measurements")
    x = norm(inp)
    h = layers.Dense(hidden, activation="relu")(x)
    h = layers.Dense(hidden, activation="relu")(h)
    both = layers.Concatenate()([x, h])           # linear path beside the hidden layers
    out = layers.Dense(1, name="weight_scaled")(both)
    train_model = keras.Model(inp, out)
    kg = layers.Rescaling(scale=y_std, offset=y_mean, name="weight_kg")(out)
    return train_model, keras.Model(inp, kg)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    x_tr = data_train[FEATURES].to_numpy("float32")
    x_va = data_val[FEATURES].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("float32")
    y_mean, y_std = float(y_tr.mean()), float(y_tr.std())

    norm = layers.Normalization()
    norm.adapt(x_tr)
    net, model = build(len(FEATURES), config["hidden_units"], norm, y_mean, y_std)
    net.compile(optimizer=keras.optimizers.Adam(config["lr"]), loss=config["loss"])
    hist = net.fit(x_tr, (y_tr - y_mean) / y_std, validation_data=(x_va, (y_va - y_mean) / y_std),
                   epochs=config["epochs"], batch_size=config["batch_size"], verbose=0)
    return model, hist.history
