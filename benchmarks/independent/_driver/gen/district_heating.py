import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "district_heating"
rng = np.random.default_rng(903)
# hourly heat sent out by a town's district-heating plant (MW) over one heating season
n = 24 * 170
hrs = np.arange(n)
hod = hrs % 24
# outdoor temperature: season (cold mid-winter), diurnal swing, weather systems (AR(1) anomaly)
anom = np.zeros(n)
for t in range(1, n):
    anom[t] = 0.985 * anom[t - 1] + rng.normal(0, 0.45)
temp = 4 - 7 * np.sin(np.pi * hrs / n) + 3.5 * np.sin(2 * np.pi * (hod - 9) / 24) + anom
# buildings respond to a smoothed temperature (thermal mass, ~5 h)
teff = np.zeros(n); teff[0] = temp[0]
for t in range(1, n):
    teff[t] = teff[t - 1] + (temp[t] - teff[t - 1]) / 5.0
profile = 1 + 0.18 * np.exp(-0.5 * ((hod - 7) / 1.5) ** 2) + 0.10 * np.exp(-0.5 * ((hod - 19) / 2.0) ** 2) \
          - 0.08 * ((hod < 5) | (hod > 22))
noise = rng.normal(0, 2.5, n)                      # metering and unlogged consumer behaviour
load = 18 + profile * 6.5 * np.maximum(0, 16 - teff) ** 1.15 + noise
L = 24
rows = []
for t in range(L, n):
    r = {}
    for k in range(L, 0, -1):
        r[f"heat_MW_lag{k}"] = round(load[t - k], 2)
    for k in range(L, 0, -1):
        r[f"temp_C_lag{k}"] = round(temp[t - k], 1)
    r["temp_C_now"] = round(temp[t], 1)
    r["hour_sin"] = round(np.sin(2 * np.pi * hod[t] / 24), 4)
    r["hour_cos"] = round(np.cos(2 * np.pi * hod[t] / 24), 4)
    r["heat_MW"] = round(load[t], 2)
    rows.append(r)
df = pd.DataFrame(rows)
cut = 24 * 125
df.iloc[:cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[cut + 24:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)       # a day's gap: no shared lag rows
print(df[["temp_C_now", "heat_MW"]].describe().T)
