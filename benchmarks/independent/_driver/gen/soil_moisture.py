import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "soil_moisture"
rng = np.random.default_rng(99)
n = 1300
doy = np.arange(n) % 365
et0 = np.clip(3 + 2.5 * np.sin(2 * np.pi * (doy - 100) / 365) + rng.normal(0, 0.6, n), 0.3, None)
rain = np.where(rng.random(n) < 0.3, rng.gamma(0.9, 9, n), 0.0)
sm = np.zeros(n); sm[0] = 25
for t in range(1, n):
    # bucket model: infiltration saturates near field capacity, ET scales with wetness
    inf = rain[t] * (1 - sm[t - 1] / 45) * 0.35
    sm[t] = np.clip(sm[t - 1] + inf - 0.12 * et0[t] * sm[t - 1] / 30 - 0.01 * (sm[t - 1] - 12), 6, 45)
L = 14
rows = []
for t in range(L, n):
    r = {f"rain_mm_lag{k}": round(rain[t - k], 1) for k in range(L)}
    r.update({f"et0_mm_lag{k}": round(et0[t - k], 2) for k in range(L)})
    r["sm_yesterday_pct"] = round(sm[t - 1] + rng.normal(0, 0.3), 2)
    r["soil_moisture_pct"] = round(sm[t] + rng.normal(0, 0.3), 2)
    rows.append(r)
df = pd.DataFrame(rows)
df.iloc[:950].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[950:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df["soil_moisture_pct"].describe())
