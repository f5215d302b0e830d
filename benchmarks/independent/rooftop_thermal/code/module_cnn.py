import numpy as np
import keras
from keras import layers, regularizers

TARGET = "condition"
GRID = 12
N_CLASSES = 4


def build(config, x_train):
    reg = regularizers.L2(config["weight_decay"])
    norm = layers.Normalization(axis=None)
    norm.adapt(x_train)
    model = keras.Sequential([
        keras.Input(shape=(GRID * GRID,)),
        layers.Reshape((GRID, GRID, 1)),
        norm,
        layers.Conv2D(16, 3, padding="same", activation="relu", kernel_regularizer=reg),
        layers.Conv2D(16, 3, padding="same", activation="relu", kernel_regularizer=reg),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, padding="same", activation="relu", kernel_regularizer=reg),
        layers.Flatten(),
        layers.Dropout(config["dropout"]),
        layers.Dense(config["hidden_units"], activation="relu", kernel_regularizer=reg),
        layers.Dense(N_CLASSES, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=config["lr"]),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train_model(data_train, data_val, config):
    keras.utils.set_random_seed(config.get("seed", 0))
    x_tr = data_train.drop(columns=[TARGET]).to_numpy("float32")
    y_tr = data_train[TARGET].to_numpy("int64")
    x_va = data_val.drop(columns=[TARGET]).to_numpy("float32")
    y_va = data_val[TARGET].to_numpy("int64")
    model = build(config, x_tr)
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=config["epochs"],
                     batch_size=config["batch_size"], verbose=0)
    return model, hist.history
