"""Synthetic hourly ozone at an urban background station (ug/m3), one row per hour: the 24 previous hourly
ozone readings (oldest first), the hour's air temperature, global radiation, wind speed, NO2 of the previous hour
and the hour of day; train = first 3000 hours (June-October), val = the next 1000."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(5150)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "urban_ozone", "data")
N_LAG = 24
T = 4000 + N_LAG + 48
t = np.arange(T)
hour = t % 24
day = t // 24
doy = 152 + day
syn = np.zeros(T)
for i in range(1, T):
    syn[i] = 0.996 * syn[i - 1] + rng.normal(0, 0.22)
season = np.cos(2 * np.pi * (doy - 196) / 365)
temp = 14 + 7 * season + 5 * np.sin(2 * np.pi * (hour - 9) / 24) + syn
cloud = np.zeros(T)
for i in range(1, T):
    cloud[i] = np.clip(0.97 * cloud[i - 1] + rng.normal(0.015, 0.08), 0, 1)
sun_elev = np.maximum(0, np.sin(2 * np.pi * (hour - 6) / 24)) * (0.55 + 0.45 * season)
rad = np.round(850 * sun_elev * (1 - 0.7 * cloud), 0)
wind = np.zeros(T); wind[0] = 3
for i in range(1, T):
    wind[i] = np.clip(3 + 0.95 * (wind[i - 1] - 3) + rng.normal(0, 0.45), 0.2, 15)
traffic = 1 + 0.9 * np.exp(-0.5 * ((hour - 8) / 1.3) ** 2) + 0.8 * np.exp(-0.5 * ((hour - 18) / 1.6) ** 2)
no2 = 35 * traffic / (0.5 + 0.25 * wind) * np.exp(rng.normal(0, 0.2, T))
o3 = np.zeros(T); o3[0] = 60
for i in range(1, T):
    photo = 0.045 * rad[i] * np.clip((temp[i] - 8) / 14, 0, 2)      # photochemical production
    titr = 0.25 * no2[i]                                              # NO titration
    mix = 0.04 * wind[i] * (70 - o3[i - 1])                           # exchange with the regional background
    o3[i] = max(0.0, 0.86 * o3[i - 1] + 0.14 * 55 + photo - titr + mix + rng.normal(0, 4.0))
rows = []
for i in range(N_LAG + 48, T):
    r = {f"o3_lag{k}": round(o3[i - k], 1) for k in range(N_LAG, 0, -1)}
    r.update(temp_c=round(temp[i], 1), radiation_wm2=rad[i], wind_ms=round(wind[i], 1), no2_lag1=round(no2[i - 1], 1),
             hour_sin=round(np.sin(2 * np.pi * hour[i] / 24), 6), hour_cos=round(np.cos(2 * np.pi * hour[i] / 24), 6),
             o3_ugm3=round(o3[i], 1))
    rows.append(r)
df = pd.DataFrame(rows)
os.makedirs(OUT, exist_ok=True)
df.iloc[:3000].to_csv(os.path.join(OUT, "train.csv"), index=False)
df.iloc[3000:].to_csv(os.path.join(OUT, "val.csv"), index=False)
print(df.describe().T[["mean", "std", "min", "max"]].tail(8))
