import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "broiler_growth"
rng = np.random.default_rng(1017)
# individual broiler live weights (g) from a feeding trial: 24 pens, birds sampled and weighed at ages 0-56 d
n = 1200
age = rng.integers(0, 57, n).astype(float)                                        # days after hatch
male = rng.integers(0, 2, n).astype(float)
pen_me = rng.choice([2900.0, 2975.0, 3050.0, 3125.0, 3200.0], n)                   # diet ME, kcal/kg
density = rng.choice([10.0, 13.0, 16.0, 19.0], n)                                  # birds per m2
logA = np.log(5200.0) + 0.16 * male - 0.012 * (density - 14)
logk = np.log(0.043) + 0.06 * (pen_me - 3050) / 100
ti = 33.0
mu = np.exp(logA - np.exp(-np.exp(logk) * (age - ti)))
y = mu * np.exp(rng.normal(0, 0.085, n))
df = pd.DataFrame(dict(age_days=age, male=male, diet_me_kcal_kg=pen_me, stocking_density_m2=density,
                       live_weight_g=y.round(0)))
df.iloc[:900].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
