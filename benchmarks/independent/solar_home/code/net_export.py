"""Daily net grid export (solar production minus household use) of homes with rooftop PV. Keras 3."""
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras

TARGET = "net_export_kWh"


class _Report(keras.callbacks.Callback):
    def __init__(self, monitor):
        super().__init__()
        self.monitor = monitor

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.monitor.log_epoch(train_loss=logs.get("loss"), val_loss=logs.get("val_loss"),
                               metric=logs.get("val_rmse"),
                               lr=float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate)))
        if self.monitor.should_stop:
            self.model.stop_training = True


def train_model(data_train, data_val, config, monitor):
    keras.utils.set_random_seed(int(config.get("seed", 0)))
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr, y_tr = data_train[feats].to_numpy("float32"), data_train[TARGET].to_numpy("float32")
    x_va, y_va = data_val[feats].to_numpy("float32"), data_val[TARGET].to_numpy("float32")

    norm = keras.layers.Normalization()
    norm.adapt(x_tr)
    h = int(config["hidden_units"])
    model = keras.Sequential([
        keras.Input(shape=(len(feats),)),
        norm,
        keras.layers.Dense(h, activation=config["activation"]),
        keras.layers.Dense(h, activation=config["activation"]),
        keras.layers.Dense(1, activation=config["output_activation"]),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=float(config["lr"])),
                  loss="mse", metrics=[keras.metrics.RootMeanSquaredError(name="rmse")])
    model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=int(config["epochs"]),
              batch_size=int(config["batch_size"]), verbose=0, callbacks=[_Report(monitor)])
    return model
