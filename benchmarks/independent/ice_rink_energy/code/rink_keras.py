"""Daily refrigeration energy of the ice rink: a wide-and-deep Keras regressor.

The wide part is a linear layer on the normalised inputs, the deep part a two-layer ReLU MLP; both are added
and scaled back to kWh/day. AdamW with a linear warm-up followed by cosine decay, early stopping on the
validation loss with the best weights restored.
"""
import numpy as np
import keras
from keras import layers

TARGET = "energy_kwh"


def build(n_in, hidden, norm, y_mean, y_sd):
    inp = keras.Input(shape=(n_in,))
    z = norm(inp)
    wide = layers.Dense(1, name="wide")(z)
    h = layers.Dense(hidden, activation="relu")(z)
    h = layers.Dense(hidden, activation="relu")(h)
    deep = layers.Dense(1, name="deep")(h)
    out = layers.Add()([wide, deep])
    scaled = keras.Model(inp, out)                                    # trained on the standardised target
    kwh = layers.Rescaling(scale=y_sd, offset=y_mean)(out)
    return scaled, keras.Model(inp, kwh)                              # the second answers in kWh/day


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy(np.float32); y_tr = data_train[TARGET].to_numpy(np.float32)
    x_va = data_val[feats].to_numpy(np.float32); y_va = data_val[TARGET].to_numpy(np.float32)
    y_mean, y_sd = float(y_tr.mean()), float(y_tr.std())
    norm = layers.Normalization()
    norm.adapt(x_tr)
    scaled, model = build(len(feats), config["hidden_units"], norm, y_mean, y_sd)

    steps_per_epoch = int(np.ceil(len(x_tr) / config["batch_size"]))
    warmup = config["warmup_epochs"] * steps_per_epoch
    schedule = keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=config["lr"] / 10, decay_steps=config["epochs"] * steps_per_epoch - warmup,
        warmup_target=config["lr"], warmup_steps=warmup, alpha=0.01)
    scaled.compile(optimizer=keras.optimizers.AdamW(learning_rate=schedule, weight_decay=config["weight_decay"]),
                   loss="mse", metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=config["early_stopping_patience"],
                                         restore_best_weights=True)
    hist = scaled.fit(x_tr, (y_tr - y_mean) / y_sd, validation_data=(x_va, (y_va - y_mean) / y_sd),
                      epochs=config["epochs"], batch_size=config["batch_size"], callbacks=[stop], verbose=0)
    h = hist.history
    history = {"epoch": list(range(1, len(h["loss"]) + 1)), "train_loss": h["loss"], "val_loss": h["val_loss"],
               "metric": [v * y_sd for v in h["val_rmse"]]}
    return model, history
