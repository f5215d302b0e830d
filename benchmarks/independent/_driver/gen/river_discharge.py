import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "river_discharge"
rng = np.random.default_rng(21)
n = 1600
wet = rng.random(n) < 0.35
rain = np.where(wet, rng.gamma(0.8, 12.0, n), 0.0)            # mm/day
season = 1 + 0.4 * np.sin(2 * np.pi * np.arange(n) / 365.25)
q = np.zeros(n); q[0] = 20
for t in range(1, n):
    # linear-reservoir catchment: recession plus quick and delayed runoff
    q[t] = 0.86 * q[t - 1] + 1.1 * rain[t] * season[t] + 0.6 * rain[t - 1] + 1.2 + rng.normal(0, 1.0)
    q[t] = max(q[t], 0.5)
L = 7
rows = []
for t in range(L, n):
    r = {f"rain_mm_lag{k}": round(rain[t - k], 1) for k in range(L)}
    r.update({f"discharge_lag{k}": round(q[t - k], 2) for k in range(1, L + 1)})
    r["discharge_m3s"] = round(q[t], 2)
    rows.append(r)
df = pd.DataFrame(rows)
df.iloc[:1150].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1150:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df["discharge_m3s"].describe())
