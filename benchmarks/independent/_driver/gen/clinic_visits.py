import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "clinic_visits"
rng = np.random.default_rng(66)
n = 730
day = np.arange(n)
temp_c = np.round(11 - 9 * np.cos(2 * np.pi * (day - 15) / 365.25) + rng.normal(0, 3, n), 1)
temp_f = np.round(temp_c * 1.8 + 32, 2)                  # the logger exports both scales
flu = np.clip(np.exp(-0.5 * ((day % 365 - 30) / 25) ** 2) * 3 + rng.normal(0, 0.15, n), 0, None).round(3)
weekend = ((day % 7) >= 5).astype(int)
mu = np.exp(3.1 - 0.035 * temp_c + 0.35 * flu - 0.55 * weekend)
visits = rng.poisson(mu)
df = pd.DataFrame(dict(temp_C=temp_c, temp_F=temp_f, flu_index=flu, weekend=weekend, visits=visits))
df.iloc[:550].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[550:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
