import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "dairy_milk"
rng = np.random.default_rng(55)
n = 900
week = rng.integers(1, 45, n)
parity = rng.integers(1, 7, n)
thi = rng.uniform(55, 85, n)                             # temperature-humidity index
feed_g = rng.normal(21000, 2500, n).clip(13000, 29000)   # dry-matter intake, g/day
# Wood's lactation curve, parity effect, heat stress above THI 72, feed response
wood = 22 * week ** 0.22 * np.exp(-0.045 * week)
milk = wood * (0.85 + 0.08 * np.minimum(parity, 3)) - 0.45 * np.maximum(thi - 72, 0) + 0.0009 * (feed_g - 21000)
milk = milk + 5 + rng.normal(0, 1.2, n)
df = pd.DataFrame(dict(lactation_week=week, parity=parity, thi=thi.round(1), feed_intake_g=feed_g.round(0),
                       milk_kg_day=milk.round(2)))
df.iloc[:650].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[650:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
