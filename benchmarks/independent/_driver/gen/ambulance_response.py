import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "ambulance_response"
rng = np.random.default_rng(7104)
# emergency calls of a regional ambulance service: 12 dispatch districts
n = 2600
nd = 12
urban = rng.random(nd) < 0.5
speed = np.where(urban, rng.uniform(24, 34, nd), rng.uniform(45, 62, nd))            # free-flow road speed, km/h
turnout = rng.uniform(1.2, 2.6, nd)                                                   # crew turnout time, min
congest = np.where(urban, rng.uniform(0.25, 0.45, nd), rng.uniform(0.05, 0.12, nd))   # peak-hour slowdown
did = rng.integers(0, nd, n)
hour = rng.integers(0, 24, n)
weekend = (rng.random(n) < 2 / 7).astype(int)
prio = rng.choice([1, 2], n, p=[0.45, 0.55])                                          # 1 = lights and sirens
dist = np.where(urban[did], rng.gamma(2.0, 1.6, n), rng.gamma(2.2, 4.5, n)).clip(0.2, 40).round(2)
rain = np.where(rng.random(n) < 0.7, 0.0, rng.exponential(3.0, n)).round(1)          # mm/h
peak = (np.exp(-0.5 * ((hour - 8.5) / 1.3) ** 2) + np.exp(-0.5 * ((hour - 17.5) / 1.6) ** 2)) * (1 - 0.7 * weekend)
v = speed[did] * (1 - congest[did] * peak) * np.where(prio == 1, 1.25, 1.0) * (1 - 0.03 * np.minimum(rain, 8))
t = turnout[did] + np.where(prio == 2, 1.5, 0.0) + 60 * dist / v
t = t * rng.lognormal(0, 0.08, n)
df = pd.DataFrame(dict(district_id=did, hour=hour, weekend=weekend, priority=prio, distance_km=dist, rain_mm_h=rain,
                       response_min=t.round(2)))
df.iloc[:2000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[2000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
