import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "dam_seepage"
rng = np.random.default_rng(801)
# daily readings at the toe drain V-notch weir of a homogeneous earth-fill dam
n = 1500
day = np.arange(n)
season = np.sin(2 * np.pi * (day - 60) / 365.25)
rain = np.where(rng.random(n) < 0.35, rng.gamma(0.8, 9.0, n), 0.0)                     # mm/day
rain_7d = pd.Series(rain).rolling(7, min_periods=1).sum().to_numpy()
rain_60d = pd.Series(rain).rolling(60, min_periods=1).sum().to_numpy()
level = 31 + 4.5 * season + 0.02 * (rain_60d - rain_60d.mean()) + rng.normal(0, 0.6, n)   # reservoir level, m above datum
level = np.clip(level, 22, 40)
air_t = 12 + 9 * np.sin(2 * np.pi * (day - 110) / 365.25) + rng.normal(0, 2.5, n)          # degC
head = np.maximum(level - 24.0, 0.0)
# seepage grows faster than linearly with head once the upper pervious layer is wetted (level > 33 m)
q = 1.5 + 0.045 * head ** 1.7 + 2.2 * np.maximum(level - 33.0, 0) ** 1.3 \
    + 0.035 * rain_7d * (1 + 0.25 * np.maximum(level - 30, 0)) + 0.012 * rain_60d \
    - 0.06 * np.maximum(air_t - 18, 0) * (rain_60d < 80)
q = q + rng.normal(0, 0.45, n)
df = pd.DataFrame(dict(reservoir_level_m=level.round(2), rain_7d_mm=rain_7d.round(1), rain_60d_mm=rain_60d.round(1),
                       air_temp_C=air_t.round(1), seepage_l_min=q.round(2)))
df = df.iloc[60:].reset_index(drop=True)
df.iloc[:1040].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1040:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
