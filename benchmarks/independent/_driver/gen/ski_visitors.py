import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "ski_visitors"
rng = np.random.default_rng(122)
n = 1100
snow = rng.gamma(2, 40, n)                      # base depth, cm
fresh = np.where(rng.random(n) < 0.3, rng.gamma(1.5, 10, n), 0)
temp = rng.uniform(-18, 6, n)
weekend = rng.random(n) < 2 / 7
holiday = rng.random(n) < 0.12
wind = rng.gamma(2, 3, n)
base = 2500 / (1 + np.exp(-(snow - 50) / 15))
v = base * (1 + 0.9 * weekend + 0.7 * holiday) * (1 + 0.012 * fresh) * np.exp(-((temp + 5) / 12) ** 2) * (1 - 0.5 / (1 + np.exp(-(wind - 15) / 2)))
v = v * np.exp(rng.normal(0, 0.1, n))
df = pd.DataFrame(dict(snow_base_cm=snow.round(0), fresh_snow_cm=fresh.round(0), temp_C=temp.round(1),
                       weekend=weekend.astype(int), holiday=holiday.astype(int), wind_m_s=wind.round(1), visitors=v.round(0)))
df.iloc[:800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
