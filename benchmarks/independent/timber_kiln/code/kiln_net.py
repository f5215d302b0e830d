"""Final moisture content of a kiln charge from its drying schedule (Keras 3, torch backend)."""
import numpy as np
import keras
from keras import layers

TARGET = "final_mc_pct"


class MonitorCallback(keras.callbacks.Callback):
    def __init__(self, monitor):
        super().__init__()
        self.mon = monitor

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.mon.log_epoch(train_loss=logs["loss"], val_loss=logs["val_loss"],
                           metric=logs["val_rmse"], lr=float(self.model.optimizer.learning_rate))
        if self.mon.should_stop:
            self.model.stop_training = True


def build(n_features, hidden_units):
    norm = layers.Normalization(name="inputs_scaled")
    model = keras.Sequential([
        keras.Input(shape=(n_features,)),
        norm,
        layers.Dense(hidden_units, activation="relu"),
        layers.Dense(hidden_units // 2, activation="relu"),
        layers.Dense(1),
    ])
    return model, norm


def train_model(data_train, data_val, config, monitor):
    keras.utils.set_random_seed(config.get("seed", 0))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr = data_train[feats].to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("float32")
    x_va = data_val[feats].to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("float32")

    model, norm = build(len(feats), config["hidden_units"])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]), loss="mse",
                  metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
              batch_size=config["batch_size"], verbose=0, callbacks=[MonitorCallback(monitor)])
    return model
