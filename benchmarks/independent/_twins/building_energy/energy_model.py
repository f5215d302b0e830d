"""Daily household energy use from weather and building characteristics (scikit-learn MLP, epoch by epoch)."""
import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

TARGET = "energy_kWh_day"


def train_model(data_train, data_val, config, monitor):
    feats = [c for c in data_train.columns if c != TARGET]
    scaler = StandardScaler()
    x_tr = scaler.fit_transform(data_train[feats].to_numpy(float))
    y_tr = data_train[TARGET].to_numpy(float)
    x_va = scaler.transform(data_val[feats].to_numpy(float))
    y_va = data_val[TARGET].to_numpy(float)

    h = int(config["hidden_units"])
    model = MLPRegressor(hidden_layer_sizes=(h, h), learning_rate_init=float(config["lr"]),
                         alpha=float(config["weight_decay"]), batch_size=int(config["batch_size"]),
                         random_state=int(config.get("seed", 0)))
    rng = np.random.default_rng(int(config.get("seed", 0)))
    for epoch in range(int(config["epochs"])):
        order = rng.permutation(len(x_tr))
        model.partial_fit(x_tr[order], y_tr[order])
        train_mse = float(np.mean((model.predict(x_tr) - y_tr) ** 2))
        pred_va = model.predict(x_va)
        val_mse = float(np.mean((pred_va - y_va) ** 2))
        monitor.log_epoch(train_loss=train_mse, val_loss=val_mse, metric=val_mse ** 0.5,
                          lr=float(config["lr"]))
        if monitor.should_stop:
            break
    return make_pipeline(scaler, model)
