import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "bakery_sales"
rng = np.random.default_rng(302)
n_store, n_day = 12, 200
base = rng.uniform(60, 400, n_store)                  # loaves/day at an ordinary weekday
dow_f = np.array([0.9, 0.85, 0.9, 0.95, 1.1, 1.45, 1.25])
rain_sens = rng.uniform(0.002, 0.02, n_store)        # high-street shops lose more custom in rain
rows = []
for d in range(n_day):
    dow = d % 7
    temp = 12 + 9 * np.sin(2 * np.pi * (d - 80) / 365) + rng.normal(0, 3)
    rain = rng.gamma(0.6, 6) if rng.random() < 0.4 else 0.0
    holiday = int(rng.random() < 0.03)
    for s in range(n_store):
        promo = int(rng.random() < 0.1)
        mu = base[s] * dow_f[dow] * np.exp(-rain_sens[s] * rain) * (1 + 0.25 * promo) * (1 - 0.4 * holiday) \
             * (1 - 0.006 * max(temp - 18, 0) * 3)
        rows.append(dict(store_id=s, day_of_week=dow, temp_C=round(temp, 1), rain_mm=round(rain, 1),
                         holiday=holiday, promo=promo, loaves_sold=int(rng.poisson(mu))))
df = pd.DataFrame(rows)
cut = 150 * n_store
df.iloc[:cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[cut:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
