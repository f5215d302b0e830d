import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "borehole_levels"
rng = np.random.default_rng(6101)
# daily groundwater level at a monitoring borehole in an unconfined chalk aquifer beside a public-supply wellfield,
# 6 years from 1 January 2018
days = 6 * 365 + 1
doy = np.arange(days) % 365
season = np.cos(2 * np.pi * (doy - 15) / 365)                 # 1 in mid-January
wet = rng.uniform(size=days) < 0.30 + 0.12 * season
rain = np.where(wet, rng.gamma(0.9, 6.0 + 2.0 * season), 0.0)
et0 = np.clip(2.0 - 1.6 * season + rng.normal(0, 0.5, days), 0.1, None)          # mm/day
pump = np.clip(9.0 - 3.0 * season + rng.normal(0, 0.8, days), 3.0, None)         # ML/day abstracted
smd = np.zeros(days)                                          # soil moisture deficit, mm
lev = np.zeros(days)
lev[0] = 39.5
rech = np.zeros(days)
for t in range(1, days):
    smd[t] = np.clip(smd[t - 1] + et0[t] - rain[t], 0, 120)
    rech[t] = max(rain[t] - et0[t] - smd[t - 1], 0.0)            # drainage only once the soil is wet
    drift = 0.012 * (rech[t - 3:t + 1].mean() if t >= 3 else rech[t]) \
        - 0.0065 * (pump[t] - 6.0) - 0.004 * (lev[t - 1] - 42.0)
    lev[t] = lev[t - 1] + drift + rng.normal(0, 0.012)
rain3 = pd.Series(rain).rolling(3, min_periods=1).sum().to_numpy()
df = pd.DataFrame(dict(level_lag1_m=np.r_[np.nan, lev[:-1]], level_lag2_m=np.r_[np.nan, np.nan, lev[:-2]],
                       level_lag7_m=np.r_[[np.nan] * 7, lev[:-7]],
                       rain_mm=rain.round(1), rain_3d_mm=rain3.round(1), et0_mm=et0.round(2),
                       abstraction_ml=pump.round(2), level_m=lev))
df = df.iloc[7:].reset_index(drop=True).round(3)
n_tr = 1560
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)          # chronological split
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], len(df), n_tr)
print("daily change sd", np.diff(lev).std())
