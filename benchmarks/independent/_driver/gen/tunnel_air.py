import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "tunnel_air"
rng = np.random.default_rng(1303)
# road-tunnel air monitoring: an array of 24 metal-oxide gas sensors (two readings each: conductance ratio G/G0
# and response time in s) plus air temperature and humidity, against the reference CO analyser (ppm, 10-min means).
# 2000 intervals (spring) for training, 600 later intervals (early summer) for validation.
n_tr, n_va = 2000, 600
n = n_tr + n_va
n_s = 24
hour = rng.uniform(0, 24, n)
traffic = 0.35 + np.exp(-0.5 * ((hour - 8.2) / 1.3) ** 2) + 0.9 * np.exp(-0.5 * ((hour - 17.4) / 1.6) ** 2)
co = np.exp(np.log(12) + np.log(traffic) + rng.normal(0, 0.45, n))            # ppm
no2 = 0.035 * co * np.exp(rng.normal(0, 0.35, n))                              # ppm, mostly diesel share
temp = (np.concatenate([rng.normal(12, 4, n_tr), rng.normal(16, 4, n_va)]) + 1.5 * traffic).round(1)
rh = np.clip(rng.normal(62, 12, n) - 0.8 * (temp - 14), 20, 98).round(1)
sens = rng.uniform(0.15, 0.9, n_s)           # CO sensitivity
expo = rng.uniform(0.45, 0.8, n_s)           # power-law exponent
xno2 = rng.uniform(-2.0, 3.0, n_s)           # NO2 cross-sensitivity (oxidising gas lowers the ratio on some)
hum = rng.uniform(0.05, 0.35, n_s)           # humidity effect
tmp = rng.uniform(-0.04, 0.04, n_s)          # temperature drift per degC
tau = rng.uniform(8, 30, n_s)                # response time in clean air, s
cols = {}
for i in range(n_s):
    g = (1 + sens[i] * co ** expo[i] + xno2[i] * no2 + hum[i] * (rh - 60) / 20 + tmp[i] * (temp - 15))
    cols[f"s{i + 1:02d}_ratio"] = (np.maximum(g, 0.05) * np.exp(rng.normal(0, 0.04, n))).round(4)
    cols[f"s{i + 1:02d}_resp_s"] = (tau[i] / (1 + 0.015 * co) + rng.normal(0, 0.8, n)).round(2)
df = pd.DataFrame(cols)
df["air_temp_C"] = temp
df["rel_humidity_pct"] = rh
df["co_ppm"] = (co + rng.normal(0, 0.5, n)).clip(0.2).round(2)
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.shape, df["co_ppm"].describe().round(2).to_dict())
