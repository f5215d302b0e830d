import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "soil_carbon"
rng = np.random.default_rng(9021)
# topsoil (0-30 cm) organic carbon survey of a river catchment: one composite sample per field plot
n = 1400
land_use = rng.choice([0, 1, 2, 3], n, p=[0.40, 0.30, 0.22, 0.08])        # 0 cropland, 1 grassland, 2 forest, 3 wetland
elev = rng.uniform(90, 1350, n).round(0)                                     # m a.s.l.
dist = (rng.gamma(1.6, 700, n)).clip(5, 6000).round(0)                      # distance to nearest stream, m
slope = (rng.gamma(2.0, 4.0, n) + 0.05 * (elev - 90) / 12.6).clip(0, 38).round(1)   # degrees, steeper uphill
ndvi = (0.25 + 0.1 * land_use + rng.beta(3, 3, n) * 0.45).clip(0.05, 0.92).round(3)  # summer NDVI
clay = rng.uniform(6, 52, n).round(1)                                        # clay content, %
base = np.array([1.3, 2.6, 3.6, 6.2])[land_use]
soc = (base * np.exp(0.9 * (ndvi - 0.5)) * (1 + 0.018 * (clay - 25))
       * np.exp(-0.035 * slope) * (1 + 0.00045 * (elev - 700))
       + 0.8 * np.exp(-dist / 300.0))
soc = soc * np.exp(rng.normal(0, 0.10, n))
df = pd.DataFrame(dict(land_use=land_use, elevation_m=elev, stream_distance_m=dist, slope_deg=slope,
                       ndvi=ndvi, clay_pct=clay, soc_pct=soc.round(3)))
df.iloc[:1000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
