import numpy as np
import keras
from keras import layers, ops

N_LAGS = 10   # inflow_lag1 .. inflow_lag10 come first in the CSV, lag1 = yesterday


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    target = "inflow_m3s"
    feats = [c for c in data_train.columns if c != target]
    Xtr = data_train[feats].to_numpy("float32"); ytr = data_train[target].to_numpy("float32")
    Xva = data_val[feats].to_numpy("float32"); yva = data_val[target].to_numpy("float32")
    y_mu, y_sd = float(ytr.mean()), float(ytr.std())
    n_side = Xtr.shape[1] - N_LAGS

    inp = keras.Input(shape=(Xtr.shape[1],))
    lags = layers.Lambda(lambda x: x[:, :N_LAGS], output_shape=(N_LAGS,))(inp)
    side = layers.Lambda(lambda x: x[:, N_LAGS:], output_shape=(n_side,))(inp)
    lag_norm = layers.Normalization(axis=None)
    lag_norm.adapt(Xtr[:, :N_LAGS])
    side_norm = layers.Normalization()
    side_norm.adapt(Xtr[:, N_LAGS:])
    seq = layers.Lambda(lambda x: ops.flip(x, axis=1), output_shape=(N_LAGS,))(lag_norm(lags))          # oldest day first
    seq = layers.Reshape((N_LAGS, 1))(seq)
    h = layers.GRU(config["hidden_units"])(seq)
    z = layers.Concatenate()([h, side_norm(side), lag_norm(lags)])
    z = layers.Dense(config["hidden_units"], activation="relu")(z)
    out = layers.Dense(1)(z)
    net = keras.Model(inp, out)
    net.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]), loss="mse")
    hist = net.fit(Xtr, (ytr - y_mu) / y_sd, validation_data=(Xva, (yva - y_mu) / y_sd),
                   epochs=config["epochs"], batch_size=config["batch_size"], verbose=0)

    # the same network answering in m3/s
    model = keras.Model(inp, layers.Rescaling(y_sd, offset=y_mu)(out))
    rmse = lambda X, y: float(np.sqrt(np.mean((model.predict(X, verbose=0).ravel() - y) ** 2)))
    history = {"epoch": list(range(1, config["epochs"] + 1)),
               "train_loss": hist.history["loss"], "val_loss": hist.history["val_loss"],
               "metric": [float(np.sqrt(v) * y_sd) for v in hist.history["val_loss"]]}
    print(f"final train rmse {rmse(Xtr, ytr):.3f} m3/s, val rmse {rmse(Xva, yva):.3f} m3/s")
    return model, history
