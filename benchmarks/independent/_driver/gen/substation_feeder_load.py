"""Hourly load of a mixed residential/commercial feeder: the previous 48 hours of load plus calendar and temperature."""
import os, numpy as np, pandas as pd
rng = np.random.default_rng(3109)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "substation_feeder_load", "data")
N_TR, N_VA, L = 2200, 700, 48
n = N_TR + N_VA + L + 48
t = np.arange(n)
hour = t % 24
day = t // 24
weekend = ((day + 3) % 7 >= 5).astype(int)
temp = 14 + 8 * np.sin(2 * np.pi * (day - 151) / 365) + 5 * np.sin(2 * np.pi * (hour - 9) / 24) \
    + np.repeat(np.cumsum(rng.normal(0, 1.0, n // 24 + 2))[: n // 24 + 1] * 0.3, 24)[:n] + rng.normal(0, 0.6, n)
res = 0.6 + 0.5 * np.exp(-0.5 * ((hour - 8) / 1.5) ** 2) + 0.9 * np.exp(-0.5 * ((hour - 19) / 2.0) ** 2)
com = np.where(weekend == 1, 0.25, 1.0) * np.clip(np.sin(np.pi * (hour - 7) / 11), 0, None)
heat = 0.05 * np.clip(12 - temp, 0, None); cool = 0.0 * temp
ar = np.zeros(n); e = 0.0
for i in range(n):
    e = 0.9 * e + rng.normal(0, 0.05); ar[i] = e
load = 22 * (res + 0.8 * com + heat + cool + ar) + rng.normal(0, 0.6, n)
load = np.round(load, 2); temp = np.round(temp, 1)
rows = []
for i in range(48 + L, n):
    r = {f"load_lag{k}_mw": load[i - k] for k in range(L, 0, -1)}
    r.update(hour_sin=round(np.sin(2 * np.pi * hour[i] / 24), 4), hour_cos=round(np.cos(2 * np.pi * hour[i] / 24), 4),
             weekend=weekend[i], temp_c=temp[i], load_mw=load[i])
    rows.append(r)
df = pd.DataFrame(rows)
os.makedirs(OUT, exist_ok=True)
df.iloc[:N_TR].to_csv(os.path.join(OUT, "train.csv"), index=False)
df.iloc[N_TR:N_TR + N_VA].to_csv(os.path.join(OUT, "val.csv"), index=False)
print(df.shape, df["load_mw"].describe().round(2).to_dict())
