import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "city_rides"
rng = np.random.default_rng(504)
# ride-hailing trips in one city: duration against pickup zone, distance, hour, rain and weekend
n = 2600
Z = 12
zone_base = rng.uniform(2, 7, Z)              # minutes lost at pickup/drop-off (parking, one-way streets)
zone_cong = rng.uniform(0.3, 1.6, Z)          # how much rush hour slows each zone
zone = rng.integers(1, Z + 1, n)
dist = np.round(np.exp(rng.normal(1.5, 0.6, n)).clip(0.4, 30), 2)     # km
hour = rng.integers(0, 24, n)
weekend = (rng.random(n) < 2 / 7).astype(int)
rain = (rng.random(n) < 0.18).astype(int)
rush = np.exp(-0.5 * ((hour - 8.5) / 1.3) ** 2) + np.exp(-0.5 * ((hour - 17.5) / 1.6) ** 2)
rush = rush * np.where(weekend == 1, 0.35, 1.0)
pace = 1.9 + 1.6 * rush * zone_cong[zone - 1] + 0.5 * rain          # min/km
noise = 2.2 * rng.standard_t(3, n)                                     # incidents, detours, heavy-tailed
minutes = zone_base[zone - 1] + dist * pace + 2.0 * rain + noise
minutes = np.maximum(minutes, 1.0)
df = pd.DataFrame(dict(zone_id=zone, distance_km=dist, hour=hour, weekend=weekend, raining=rain,
                       trip_min=minutes.round(1)))
df.iloc[:2000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[2000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
