import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "courier_times"
rng = np.random.default_rng(312)
# van rounds from 8 depots: hours from leaving the depot to the last drop
n = 2000
depot = rng.integers(0, 8, n)
urban = np.array([0.9, 0.2, 0.7, 0.1, 0.5, 0.8, 0.3, 0.6])[depot]       # share of urban roads (not in the data)
dist = np.clip(rng.gamma(3, 5, n) * (1.4 - urban), 2, 60)              # km
stops = rng.integers(3, 30, n)
hour = rng.integers(7, 15, n)
rain = (rng.random(n) < 0.3).astype(int)
speed = 45 - 25 * urban - 6 * rain - 5 * ((hour >= 7) & (hour <= 9))  # km/h
stop_min = np.array([4.0, 3.0, 5.5, 2.5, 4.0, 6.0, 3.0, 4.5])[depot]   # minutes per drop
t = dist / speed + stops * stop_min / 60 * (1 + 0.2 * rain) + rng.normal(0, 0.12, n)
df = pd.DataFrame(dict(depot_id=depot, distance_km=dist.round(1), n_stops=stops, start_hour=hour, raining=rain,
                       round_hours=np.clip(t, 0.2, None).round(3)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
