import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(8)
n = 1100
temp = rng.uniform(-12, 34, n)
area = rng.lognormal(np.log(140), 0.45, n)
occ = rng.integers(1, 7, n)
insul = rng.uniform(1, 10, n)
glazing = rng.uniform(0.1, 0.6, n)
heat = np.maximum(17 - temp, 0) * area * (0.011 - 0.0008 * insul) * (1 + glazing)
cool = np.maximum(temp - 23, 0) * area * 0.006 * (1 + 1.5 * glazing)
base = 4 + 2.1 * occ + 0.02 * area
energy = (base + heat + cool) * np.exp(rng.normal(0, 0.07, n))
df = pd.DataFrame(dict(outdoor_temp_C=temp.round(1), floor_area_m2=area.round(0), occupants=occ,
                       insulation_score=insul.round(1), glazing_ratio=glazing.round(2),
                       energy_kWh_day=energy.round(2)))
df.iloc[:800].to_csv(ROOT + "/building_energy/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + "/building_energy/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
