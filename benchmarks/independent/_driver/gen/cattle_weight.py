import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "cattle_weight"
rng = np.random.default_rng(305)
n = 1000
age = rng.uniform(8, 40, n).round(0)                                    # months
girth = np.clip(120 + 75 * (1 - np.exp(-age / 14)) + rng.normal(0, 7, n), 110, 240)   # heart girth, cm
length = np.clip(0.72 * girth + rng.normal(0, 6, n), 80, 190)           # body length, cm
height = np.clip(0.55 * girth + 25 + rng.normal(0, 4, n), 90, 160)      # withers height, cm
bcs = np.clip(rng.normal(3.0, 0.5, n), 1.5, 5).round(1)                 # body condition score
# Schaeffer-type formula (girth^2 x length) with a condition effect
w = girth ** 2 * length / 10840 * (0.92 + 0.03 * bcs) * rng.normal(1, 0.04, n)
df = pd.DataFrame(dict(age_months=age, heart_girth_cm=girth.round(1), body_length_cm=length.round(1),
                       withers_height_cm=height.round(1), body_condition=bcs, live_weight_kg=w.round(1)))
tr, va = df.iloc[:750].copy(), df.iloc[750:].copy()
# one weighbridge reported in grams for a few animals before it was reconfigured
bad = rng.choice(750, 6, replace=False)
tr.iloc[bad, tr.columns.get_loc("live_weight_kg")] = (tr.iloc[bad]["live_weight_kg"] * 1000).round(0)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], sorted(bad + 2))
