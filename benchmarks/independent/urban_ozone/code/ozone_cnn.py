"""Next-hour ozone: Keras 1-D CNN over the last 24 hourly readings, joined with the hour's weather and NO2."""
import numpy as np
import keras
from keras import layers

TARGET = "o3_ugm3"
N_LAG = 24
EXOG = ["temp_c", "radiation_wm2", "wind_ms", "no2_lag1", "hour_sin", "hour_cos"]
COLS = [f"o3_lag{k}" for k in range(N_LAG, 0, -1)] + EXOG


def build(config, x_train, y_mean, y_sd):
    inp = keras.Input(shape=(len(COLS),))
    lags = layers.Lambda(lambda x: x[:, :N_LAG])(inp)
    exog = layers.Lambda(lambda x: x[:, N_LAG:])(inp)
    norm_lag = layers.Normalization(axis=None)          # one scale for all ozone readings
    norm_lag.adapt(x_train[:, :N_LAG])
    norm_ex = layers.Normalization()
    norm_ex.adapt(x_train[:, N_LAG:])
    s = layers.Reshape((N_LAG, 1))(norm_lag(lags))
    f = int(config["filters"])
    s = layers.Conv1D(f, 5, padding="causal", activation="relu")(s)
    s = layers.Conv1D(f, 3, padding="causal", dilation_rate=2, activation="relu")(s)
    s = layers.Flatten()(s)
    z = layers.Concatenate()([s, norm_ex(exog), norm_lag(lags)])
    z = layers.Dense(int(config["hidden_units"]), activation="relu")(z)
    z = layers.Dropout(float(config["dropout"]))(z)
    out = layers.Dense(1)(z)
    out = layers.Rescaling(scale=y_sd, offset=y_mean)(out)   # back to ug/m3
    return keras.Model(inp, out)


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(int(config.get("seed", 0)))
    x_tr = data_train[COLS].to_numpy(np.float32)
    y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[COLS].to_numpy(np.float32)
    y_va = data_val[TARGET].to_numpy(np.float32)
    model = build(config, x_tr, float(y_tr.mean()), float(y_tr.std()))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=float(config["lr"])), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=int(config["early_stopping_patience"]),
                                         restore_best_weights=True)
    h = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=int(config["epochs"]),
                  batch_size=int(config["batch_size"]), callbacks=[stop], verbose=0).history
    history = dict(epoch=list(range(1, len(h["loss"]) + 1)), train_loss=h["loss"], val_loss=h["val_loss"],
                   metric=h["val_rmse"])
    return model, history
