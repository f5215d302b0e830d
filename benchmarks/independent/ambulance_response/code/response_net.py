"""Ambulance response time (min) from the dispatch district, time of call, priority, distance and rain.

Keras 3 (torch backend) functional model with two inputs: a district embedding and the adapted normalisation of
the numeric call features; ResponseModel wraps it so that it answers on the raw CSV columns.
"""
import numpy as np
import keras
from keras import layers

TARGET = "response_min"
N_DISTRICTS = 12
# column order of data/train.csv without the target:
# district_id, hour, weekend, priority, distance_km, rain_mm_h


def numeric_features(x):
    hour = x[:, 1] * (2 * np.pi / 24)
    dist = x[:, 4]
    return np.column_stack([np.sin(hour), np.cos(hour), x[:, 2], x[:, 3], dist, np.log(dist + 0.1),
                            x[:, 5]]).astype("float32")


def split(x):
    return [x[:, 0].astype("int32"), numeric_features(x)]


class ResponseModel:
    def __init__(self, net):
        self.net = net

    def predict(self, x):
        return self.net.predict(split(np.asarray(x, dtype="float32")), verbose=0).reshape(-1)


def build(config, num_train):
    district = keras.Input(shape=(), dtype="int32", name="district")
    num = keras.Input(shape=(num_train.shape[1],), name="numeric")
    emb = layers.Embedding(N_DISTRICTS, config["emb_dim"], name="district_emb")(district)
    norm = layers.Normalization(name="numeric_scaled")
    norm.adapt(num_train)
    h = layers.Concatenate()([emb, norm(num)])
    h = layers.Dense(config["hidden_units"], activation="relu")(h)
    h = layers.Dense(config["hidden_units"] // 2, activation="relu")(h)
    out = layers.Dense(1)(h)
    out = layers.Rescaling(scale=6.0, offset=10.0, name="minutes")(out)
    return keras.Model([district, num], out)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = split(data_train[feats].to_numpy("float32"))
    x_va = split(data_val[feats].to_numpy("float32"))
    y_tr = data_train[TARGET].to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("float32")
    net = build(config, x_tr[1])
    net.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]), loss="mse",
                metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    hist = net.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                   batch_size=config["batch_size"], verbose=0)
    return ResponseModel(net), hist.history
