import numpy as np
import keras
from keras import layers

TARGET = "co_ppm"


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("float32")
    x_va = data_val[feats].to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("float32")
    # sensor ratios grow like a power of the concentration: work with their logs
    is_ratio = np.array([c.endswith("_ratio") for c in feats])

    norm = layers.Normalization()
    z_tr = x_tr.copy()
    z_tr[:, is_ratio] = np.log(z_tr[:, is_ratio])
    norm.adapt(z_tr)
    y_mu, y_sd = float(y_tr.mean()), float(y_tr.std())

    inp = keras.Input(shape=(len(feats),))
    mask = keras.ops.convert_to_tensor(is_ratio.astype("float32"))
    z = layers.Lambda(lambda x: mask * keras.ops.log(keras.ops.maximum(x, 1e-3)) + (1.0 - mask) * x)(inp)
    h = norm(z)
    h = layers.Dense(config["hidden_units"], activation=config["activation"])(h)
    h = layers.Dense(config["hidden_units"] // 2, activation=config["activation"])(h)
    out = layers.Dense(1)(h)
    out = layers.Rescaling(scale=y_sd, offset=y_mu)(out)   # answer in ppm
    model = keras.Model(inp, out)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=config["early_stopping_patience"],
                                         restore_best_weights=True)
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                     batch_size=config["batch_size"], callbacks=[stop], verbose=0)
    return model, hist.history
