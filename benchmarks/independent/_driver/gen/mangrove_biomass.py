import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "mangrove_biomass"
rng = np.random.default_rng(3303)
# destructively sampled mangrove trees (harvest plots): stem diameter, height, wood density -> above-ground dry biomass
n = 700
dbh = np.exp(rng.uniform(np.log(4.0), np.log(45.0), n))                            # cm at 1.3 m
height = np.exp(np.log(1.6) + 0.62 * np.log(dbh) + rng.normal(0, 0.15, n))        # m
rho = np.clip(rng.normal(0.72, 0.09, n), 0.45, 1.0)                                # g/cm3
mu = np.log(0.0673) + 0.976 * np.log(rho * dbh ** 2 * height)
y = np.exp(mu + rng.normal(0, 0.28, n))
df = pd.DataFrame(dict(dbh_cm=dbh.round(1), height_m=height.round(1), wood_density_g_cm3=rho.round(3),
                       agb_kg=y.round(2)))
df.iloc[:500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
