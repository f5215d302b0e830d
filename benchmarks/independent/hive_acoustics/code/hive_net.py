import numpy as np
import keras
from keras import layers

SOUND = ["band_100hz_db", "band_200hz_db", "band_300hz_db", "band_400hz_db", "band_500hz_db", "band_600hz_db"]
HIVE = ["brood_temp_c", "humidity_pct", "weight_change_kg", "hour"]
TARGET = "colony_state"
N_STATES = 3


def hive_features(df):
    h = df[HIVE].to_numpy("float32").copy()
    hour = h[:, 3]
    # hour of day as a position on the daily cycle
    return df[SOUND].to_numpy("float32"), np.column_stack([h[:, :3], np.sin(2 * np.pi * hour / 24), np.cos(2 * np.pi * hour / 24)]).astype("float32")


def build(config, sound_tr, hive_tr):
    units, drop = config["hidden_units"], config.get("dropout", 0.0)
    sound_in = keras.Input((len(SOUND),), name="sound")
    hive_in = keras.Input((hive_tr.shape[1],), name="hive")
    sound_norm = layers.Normalization()
    sound_norm.adapt(sound_tr)
    hive_norm = layers.Normalization()
    hive_norm.adapt(hive_tr)
    a = layers.Dense(units, activation="relu")(sound_norm(sound_in))
    a = layers.Dense(units // 2, activation="relu")(a)
    b = layers.Dense(units // 2, activation="relu")(hive_norm(hive_in))
    h = layers.Concatenate()([a, b])
    h = layers.Dropout(drop)(h)
    h = layers.Dense(units, activation="relu")(h)
    out = layers.Dense(N_STATES, activation="softmax")(h)
    return keras.Model([sound_in, hive_in], out, name="hive_state")


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    s_tr, h_tr = hive_features(data_train)
    s_va, h_va = hive_features(data_val)
    y_tr = data_train[TARGET].to_numpy("int64")
    y_va = data_val[TARGET].to_numpy("int64")

    net = build(config, s_tr, h_tr)
    net.compile(optimizer=keras.optimizers.Adam(config["lr"]),
                loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", mode="min",
                                         patience=config["early_stopping_patience"], restore_best_weights=True)
    hist = net.fit([s_tr, h_tr], y_tr, validation_data=([s_va, h_va], y_va), epochs=config["epochs"],
                   batch_size=config["batch_size"], callbacks=[stop], verbose=0)

    # one model taking the CSV's feature columns in file order (6 bands, then the 4 hive columns)
    raw = keras.Input((len(SOUND) + len(HIVE),), name="features")
    hour = raw[:, 9:10]
    hive = keras.ops.concatenate([raw[:, 6:9], keras.ops.sin(2 * np.pi * hour / 24), keras.ops.cos(2 * np.pi * hour / 24)], axis=1)
    model = keras.Model(raw, net([raw[:, :6], hive]), name="hive_state_from_csv")
    return model, hist.history
