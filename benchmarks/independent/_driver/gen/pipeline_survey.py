import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "pipeline_survey"
rng = np.random.default_rng(1001)
# buried steel gas-main segments dug up in an integrity survey: external corrosion class at the dig
# (0 none / light, 1 moderate pitting, 2 severe wall loss) against soil and protection readings
n = 2000
soil_type = rng.integers(0, 8, n)          # survey soil code: 0 sand, 1 gravel, 2 loam, 3 silt, 4 clay, 5 peat, 6 made ground, 7 chalk
soil_eff = np.array([-0.9, -1.2, 0.0, 0.3, 0.9, 1.6, 1.2, -0.6])
resist = np.exp(rng.uniform(np.log(5), np.log(500), n)).round(1)      # soil resistivity, ohm m
ph = rng.uniform(4.5, 8.5, n).round(2)
moist = rng.uniform(5, 40, n).round(1)                                # % by weight
age = rng.uniform(0, 60, n).round(1)                                  # coating age, years
cp = rng.uniform(-1250, -600, n).round(0)                             # pipe-to-soil potential, mV vs Cu/CuSO4
depth = rng.uniform(0.8, 2.0, n).round(2)                             # cover depth, m
z = (soil_eff[soil_type] + 1.3 * (2.0 - np.log10(resist)) + 0.06 * (age - 30) + 0.012 * np.maximum(cp + 850, 0)
     + 0.04 * (moist - 20) - 0.45 * (ph - 6.5) + 0.2 * (depth - 1.4))
lat = z + rng.logistic(0, 0.45, n)
cls = np.digitize(lat, [0.75, 2.0])
df = pd.DataFrame(dict(soil_type=soil_type, soil_resistivity_ohm_m=resist, soil_ph=ph, soil_moisture_pct=moist,
                       coating_age_yr=age, cp_potential_mV=cp, cover_depth_m=depth, corrosion_class=cls))
df.iloc[:1400].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1400:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(cls) / n)
