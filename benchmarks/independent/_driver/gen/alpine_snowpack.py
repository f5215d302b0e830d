import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "alpine_snowpack"
rng = np.random.default_rng(5104)
n = 720
elev = rng.uniform(700, 3100, n).round(0)                                # m a.s.l.
precip = rng.gamma(9.0, 95.0, n).round(0)                               # Nov-Mar precipitation, mm
temp = (4.5 - 6.2 * (elev - 700) / 1000 + rng.normal(0, 2.4, n)).round(1)  # Nov-Mar mean air temperature, degC
north = rng.integers(0, 2, n)                                           # 1 = north-facing slope
forest = rng.uniform(0, 0.9, n).round(2)                               # canopy cover fraction
mu = 95 + 38 * (elev - 2000) / 1000 + 19 * (precip - 850) / 100 - 11 * temp + 22 * north - 40 * forest
depth = np.maximum(0.0, mu + rng.normal(0, 28, n)).round(0)
df = pd.DataFrame(dict(elevation_m=elev, winter_precip_mm=precip, winter_temp_c=temp, north_facing=north,
                       forest_cover=forest, snow_depth_cm=depth))
df.iloc[:520].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[520:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]]); print("share of zero depth", (depth == 0).mean())
