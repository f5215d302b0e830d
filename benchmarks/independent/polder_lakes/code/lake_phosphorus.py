"""Monthly total-phosphorus mass balance of fully mixed shallow lakes (Vollenweider type):
    dP/dt = L/V - (Q/V) P - (v_s / z) P + R20 * theta**(T - 20) / z
with the month's external load L (kg), outflow Q (Mm3), lake volume V (Mm3), mean depth z (m), settling velocity
v_s (m/month) and internal release R (mg/m2/month) from the sediment, which rises with water temperature.
Inputs are taken as constant within a month, so each month is integrated exactly (linear ODE).
Shared parameters (v_s, R20, theta) are fitted to all training lakes by scipy least squares."""
import time
import numpy as np
import pandas as pd
from scipy.optimize import least_squares

FEATURES = ["lake_id", "month", "month_of_year", "volume_mm3", "mean_depth_m", "inflow_mm3", "tp_load_kg",
            "water_temp_c", "tp_start_ug_l"]
TARGET = "tp_ug_l"


def unpack(x):
    return dict(v_s=float(np.exp(x[0])), r20=float(np.exp(x[1])), theta=float(x[2]))


def simulate(x, df):
    """TP (ug/L) at the end of every row's month; each lake is run from its starting TP through its months in order"""
    p_ = unpack(x)
    out = np.empty(len(df))
    for _, g in df.groupby("lake_id", sort=False):
        g = g.sort_values("month")
        V = g["volume_mm3"].to_numpy(float); z = g["mean_depth_m"].to_numpy(float)
        a = g["inflow_mm3"].to_numpy(float) / V + p_["v_s"] / z
        s = g["tp_load_kg"].to_numpy(float) / V + p_["r20"] * p_["theta"] ** (g["water_temp_c"].to_numpy(float) - 20.0) / z
        decay = np.exp(-a)
        p = float(g["tp_start_ug_l"].iloc[0])
        res = np.empty(len(g))
        for k in range(len(g)):
            eq = s[k] / a[k]
            p = eq + (p - eq) * decay[k]
            res[k] = p
        out[df.index.get_indexer(g.index)] = res
    return out


class LakeModel:
    def __init__(self, x):
        self.x = np.asarray(x, float)
        self.params = unpack(self.x)

    def predict(self, X):
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X, dtype=float), columns=FEATURES)
        return simulate(self.x, df.reset_index(drop=True))


def train_model(data_train, data_val, config):
    tr = data_train.reset_index(drop=True); va = data_val.reset_index(drop=True)
    y_tr = tr[TARGET].to_numpy(float); y_va = va[TARGET].to_numpy(float)
    x0 = np.array([np.log(config.get("v_s_init", 0.5)), np.log(config.get("r20_init", 10.0)), config.get("theta_init", 1.05)])
    history = []
    t0 = time.time()

    def resid(x):
        return simulate(x, tr) - y_tr

    def record(intermediate_result):
        x = intermediate_result.x
        tl = float(np.mean(resid(x) ** 2))
        vl = float(np.mean((simulate(x, va) - y_va) ** 2))
        history.append(dict(epoch=len(history) + 1, train_loss=tl, val_loss=vl, metric=vl ** 0.5,
                            time_s=time.time() - t0, **unpack(x)))

    fit = least_squares(resid, x0, method="trf", bounds=([np.log(0.01), np.log(0.1), 1.0], [np.log(20.0), np.log(500.0), 1.3]),
                        x_scale="jac", max_nfev=config.get("max_nfev", 200), callback=record)
    print(f"least_squares: {fit.message} after {fit.nfev} evaluations; {unpack(fit.x)}")
    return LakeModel(fit.x), history
