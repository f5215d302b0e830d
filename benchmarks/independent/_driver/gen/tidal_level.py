import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "tidal_level"
rng = np.random.default_rng(133)
n = 2200                                   # hourly
t = np.arange(n)
tide = 1.2 * np.cos(2 * np.pi * t / 12.42) + 0.45 * np.cos(2 * np.pi * t / 12.0 + 0.7) + 0.25 * np.cos(2 * np.pi * t / 25.82 + 1.3)
wind = np.zeros(n); p = np.zeros(n)
for i in range(1, n):
    wind[i] = 0.97 * wind[i - 1] + rng.normal(0, 1.2)
    p[i] = 0.99 * p[i - 1] + rng.normal(0, 0.8)
surge = np.zeros(n)
for i in range(1, n):
    surge[i] = 0.9 * surge[i - 1] + 0.004 * max(wind[i], 0.0) ** 2 - 0.003 * p[i]
level = tide + surge + rng.normal(0, 0.03, n)
L = 12
rows = []
for i in range(L, n):
    r = {f"level_m_lag{k}": round(level[i - k], 3) for k in range(1, L + 1)}
    r.update({f"wind_onshore_lag{k}": round(wind[i - k], 2) for k in range(0, 3)})
    r["pressure_anom_hPa"] = round(p[i - 1], 2)
    r["level_m"] = round(level[i], 3)
    rows.append(r)
df = pd.DataFrame(rows)
df.iloc[:1600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df["level_m"].describe())
