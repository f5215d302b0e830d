import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "pasture_regrowth"
rng = np.random.default_rng(9090)
# rotationally grazed dairy pasture: after each grazing the paddock's residual cover is measured, then the cover is
# read with a rising plate meter every few days until the next grazing; nitrogen applied after grazing, mean air
# temperature over the regrowth interval from the farm weather station
n_int = 150                                    # regrowth intervals (paddock x rotation)
resid = rng.uniform(1200, 2000, n_int).round(-1)
n_app = rng.choice([0.0, 25.0, 50.0], n_int)
temp = rng.uniform(6, 20, n_int).round(1)
K = (3.6 + 1.1 * n_app / 100.0) * 1000.0 + 1200.0     # ceiling cover, kg DM/ha
k = np.exp(np.log(0.085) + 0.07 * (temp - 12.0))        # per day
nu = 0.6
rows = []
for i in range(n_int):
    for d in np.sort(rng.choice(np.arange(0, 71), 6, replace=False)):
        W = K[i] / (1 + ((K[i] / resid[i]) ** nu - 1) * np.exp(-k[i] * d)) ** (1 / nu)
        rows.append(dict(residual_kg_ha=resid[i], n_applied_kg_ha=n_app[i], mean_temp_c=temp[i],
                         days_since_grazing=float(d), cover_kg_ha=round(W + rng.normal(0, 140), 0)))
df = pd.DataFrame(rows)
cut = 6 * 100
df.iloc[:cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[cut:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
