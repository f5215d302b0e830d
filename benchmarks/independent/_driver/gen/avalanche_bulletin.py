import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "avalanche_bulletin"
rng = np.random.default_rng(1303)
# regional avalanche danger level (1 low, 2 moderate, 3 considerable or higher) issued for a forecast region-day
n = 2000
new_snow = np.round(rng.gamma(1.3, 18.0, n), 0)              # new snow in the last 72 h, cm
wind = rng.uniform(0, 90, n).round(0)                        # maximum ridge wind speed, km/h
dtemp = rng.normal(0, 4, n).round(1)                         # air temperature change over 24 h, degC
depth = rng.uniform(30, 350, n).round(0)                     # total snowpack depth, cm
weak = rng.choice([0, 1], n, p=[0.7, 0.3])                   # persistent weak layer found in the latest profile
verified = rng.choice([0, 1], n, p=[0.6, 0.4])               # level confirmed afterwards by field observations
score = (0.045 * new_snow * (1 + 0.012 * wind) + 1.3 * weak + 0.18 * np.clip(dtemp, 0, None)
         - 0.006 * (depth - 150) * (depth < 150) - 1.5)
noise = rng.logistic(0, np.where(verified == 1, 0.35, 0.7), n)
level = 1 + (score + noise > 0.6).astype(int) + (score + noise > 2.6).astype(int)
df = pd.DataFrame(dict(new_snow_72h_cm=new_snow, wind_max_kmh=wind, temp_change_24h_C=dtemp, snow_depth_cm=depth,
                       weak_layer=weak, field_verified=verified, danger_level=level))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.danger_level.value_counts())
