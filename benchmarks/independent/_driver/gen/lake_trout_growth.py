import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "lake_trout_growth"
rng = np.random.default_rng(6304)
n = 1300
lake_temp = rng.choice([6.2, 7.1, 7.9, 8.6, 9.4, 10.3, 11.2, 12.0], n)       # mean summer hypolimnion temperature of the lake, degC
male = rng.integers(0, 2, n)
age = (rng.gamma(3.0, 2.6, n) + 1.0).clip(1.0, 28.0)                     # otolith age + fraction of the season at capture
age = (np.floor(age) + rng.choice([0.3, 0.5, 0.7], n)).round(1)
linf = np.exp(np.log(820.0) - 0.08 * male - 0.035 * (lake_temp - 9.0))   # mm
K = 0.16 * np.exp(0.09 * (lake_temp - 9.0))                               # 1/year
t0 = -0.4
length = linf * (1.0 - np.exp(-K * (age - t0))) * np.exp(rng.normal(0, 0.07, n))
df = pd.DataFrame(dict(age_years=age, male=male, lake_temp_c=lake_temp, total_length_mm=length.round(0)))
df.iloc[:900].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]])
