import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "highland_rainfall"
rng = np.random.default_rng(1402)
# daily rainfall at 60 upland rain gauges, downscaled from reanalysis fields at the nearest grid point
n = 2600
elev = np.round(rng.uniform(150, 1400, 60))[rng.integers(0, 60, n)]             # gauge elevation, m
pw = np.round(rng.gamma(6.0, 3.5, n), 1)                                          # precipitable water, mm
rh = np.round(np.clip(45 + 1.1 * (pw - 21) + rng.normal(0, 14, n), 8, 100), 1)   # relative humidity at 700 hPa, %
cape = np.round(rng.gamma(1.2, 250, n))                                           # convective available potential energy, J/kg
wind = np.round(rng.normal(4, 6, n), 1)                                           # westerly wind at 850 hPa, m/s
ctt = np.round(265 - 0.35 * (rh - 50) + rng.normal(0, 8, n), 1)                  # cloud-top temperature, K
# occurrence and amount
lo = -0.8 + 0.14 * (rh - 50) + 0.06 * (pw - 21) + 0.08 * wind * (elev / 1000)
p = 1 / (1 + np.exp(-lo))
wet = rng.random(n) < p
mean_wet = np.exp(1.3 + 0.035 * (pw - 21) + 0.0008 * cape + 0.5 * (elev / 1000) + 0.04 * np.clip(wind, 0, None)
                  - 0.02 * (ctt - 265))
rain = np.where(wet, rng.gamma(2.5, mean_wet / 2.5), 0.0)
df = pd.DataFrame(dict(elevation_m=elev, precip_water_mm=pw, rh700_pct=rh, cape_jkg=cape, u850_ms=wind,
                       cloud_top_k=ctt, rain_mm=np.round(rain, 1)))
df.iloc[:2000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[2000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("zeros", (df.rain_mm == 0).mean(), "q", np.quantile(df.rain_mm, [0.5, 0.9, 0.99]))
