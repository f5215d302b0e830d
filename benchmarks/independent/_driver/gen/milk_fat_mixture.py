import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "milk_fat_mixture"
rng = np.random.default_rng(401)
# daily milk records of a mixed Holstein / Jersey herd from the parlour's in-line analyser; breed is not in the export
n = 1240
jersey = rng.random(n) < 0.35
milk = np.where(jersey, rng.normal(19, 4, n), rng.normal(31, 6, n)).clip(6, 55)      # kg/day
parity = rng.choice([1, 2, 3, 4, 5], n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
dim = rng.integers(5, 330, n)                                                        # days in milk
fat = np.where(jersey, rng.normal(4.85, 0.35, n), rng.normal(3.80, 0.30, n))         # % fat
df = pd.DataFrame(dict(milk_kg_day=milk.round(1), parity=parity, days_in_milk=dim, fat_pct=fat.round(2)))
tr = df.iloc[:900].copy().reset_index(drop=True)
va = df.iloc[900:].copy().reset_index(drop=True)
# parlour log, days 41-43: the analyser's fat channel dropped out while the milk meter kept working
tr.loc[412:451, "fat_pct"] = 0.0
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
