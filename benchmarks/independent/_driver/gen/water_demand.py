import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "water_demand"
rng = np.random.default_rng(309)
# daily demand of 8 supply zones over ~1 year
rows = []
pops = rng.uniform(18000, 120000, 8).round(-2)
for d in range(280):
    tmax = 17 + 10 * np.sin(2 * np.pi * (d - 100) / 365) + rng.normal(0, 3)
    rain = rng.gamma(0.5, 8) if rng.random() < 0.35 else 0.0
    weekend = int(d % 7 >= 5)
    for z, pop in enumerate(pops):
        pop_d = pop * (1 + 0.0002 * d)
        lpcd = 165 + 4.5 * max(tmax - 20, 0) - 1.2 * min(rain, 20) + 12 * weekend   # litres per person per day
        rows.append(dict(population=round(pop_d), max_temp_C=round(tmax, 1), rain_mm=round(rain, 1),
                         weekend=weekend, demand_ML_day=round(pop_d * lpcd / 1e6 * rng.normal(1, 0.04), 3)))
df = pd.DataFrame(rows)
df.iloc[:1700].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1700:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
