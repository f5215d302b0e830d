import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "orchard_yield"
rng = np.random.default_rng(304)
n = 1100
age = rng.uniform(3, 25, n).round(1)                           # years
canopy = np.clip(6 + 1.5 * age + rng.normal(0, 13, n), 3, 75)   # m3, lidar scan (pruning style varies)
ph = rng.normal(6.4, 0.5, n).round(2)
irr = rng.uniform(150, 450, n).round(0)                         # mm per season
chill = rng.normal(900, 150, n).round(0)                        # chill hours
yield_kg = (1.6 * canopy * (1 - np.exp(-age / 6)) * np.exp(-0.5 * ((ph - 6.5) / 0.9) ** 2)
            * (1 - np.exp(-irr / 220)) * np.clip(chill / 900, 0.6, 1.1) + rng.normal(0, 5, n))
yield_kg = np.clip(yield_kg, 1, None).round(1)
canopy = canopy.round(1)
miss = rng.random(n) < 0.12                                     # scan not done that season
canopy[miss] = -999.0
df = pd.DataFrame(dict(tree_age_yr=age, canopy_volume_m3=canopy, soil_pH=ph, irrigation_mm=irr,
                       chill_hours=chill, yield_kg_per_tree=yield_kg))
df.iloc[:800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], miss.mean())
