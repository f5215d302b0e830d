import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "ferry_fuel"
rng = np.random.default_rng(501)
# one double-ended car ferry on a 14 km crossing; fuel burned per crossing against speed, sea state, wind and load
n = 1600
speed = rng.uniform(9, 16, n).round(1)                                   # service speed, kn
hs = np.clip(rng.gamma(2.0, 0.55, n), 0.1, 4.5).round(2)                  # significant wave height, m
wind = rng.normal(0, 7, n).round(1)                                       # headwind component, m/s (negative = tailwind)
payload = rng.uniform(40, 420, n).round(0)                                # vehicles + passengers, t
water_t = rng.uniform(3, 19, n).round(1)                                  # sea temperature, degC (fouling grows in warm water)
calm = 0.052 * speed ** 3 * (1 + payload / 900)                           # hull resistance ~ v^3
wind_add = 0.9 * np.maximum(wind, 0) ** 2 * (speed / 12)                  # windage, only with a headwind
# above ~1.8 m the ferry heads into the swell and the added resistance switches on steeply (second regime)
rough = 38 * np.maximum(hs - 1.8, 0.0) ** 1.5 * speed / 12
fouling = 1 + 0.006 * (water_t - 3)
fuel = (calm + wind_add + rough) * fouling + 60 + rng.normal(0, 12, n)
df = pd.DataFrame(dict(speed_kn=speed, wave_height_m=hs, headwind_ms=wind, payload_t=payload,
                       sea_temp_C=water_t, fuel_l=fuel.round(1)))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
