"""Rolling-bearing condition from vibration features (0 healthy, 1 outer race, 2 inner race). Keras 3."""
import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras

TARGET = "condition"
EPOCHS = 25
BATCH = 32
LR = 1e-3


def train_model(data_train, data_val):
    keras.utils.set_random_seed(0)
    feats = [c for c in data_train.columns if c != TARGET]
    x_tr, y_tr = data_train[feats].to_numpy("float32"), data_train[TARGET].to_numpy("int64")
    x_va, y_va = data_val[feats].to_numpy("float32"), data_val[TARGET].to_numpy("int64")

    norm = keras.layers.Normalization()
    norm.adapt(x_tr)
    model = keras.Sequential([
        keras.Input(shape=(len(feats),)),
        norm,
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LR),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=EPOCHS, batch_size=BATCH, verbose=0)
    return model, hist.history
