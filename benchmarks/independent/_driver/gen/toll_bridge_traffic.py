import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "toll_bridge_traffic"
rng = np.random.default_rng(1703)
# daily vehicle crossings of an estuary toll bridge (vehicles/day), 2019-2022
n = 4 * 365 + 30
dow = np.arange(n) % 7                       # 0 = Monday
doy = np.arange(n) % 365
holiday = (rng.random(n) < 0.03).astype(int)
temp = 11 + 8 * np.sin(2 * np.pi * (doy - 110) / 365) + rng.normal(0, 2.5, n)
rain = np.where(rng.random(n) < 0.4, rng.gamma(1.0, 5.0, n), 0.0)
dow_eff = np.array([0, 600, 700, 900, 2300, -3200, -4600])
y = np.zeros(n); u = 0.0
for t in range(n):
    u = 0.7 * u + rng.normal(0, 650)
    y[t] = 24000 + 1.2 * t + dow_eff[dow[t]] + 160 * temp[t] - 55 * rain[t] - 5200 * holiday[t] + u
rows = []
for t in range(14, n):
    rows.append(dict(crossings_lag1=round(y[t - 1]), crossings_lag7=round(y[t - 7]), crossings_lag14=round(y[t - 14]),
                     day_of_week=int(dow[t]), holiday=int(holiday[t]), holiday_lag1=int(holiday[t - 1]),
                     holiday_lag7=int(holiday[t - 7]),
                     temp_c=round(temp[t], 1), rain_mm=round(rain[t], 1), crossings=round(y[t])))
df = pd.DataFrame(rows)
n_tr = 1100
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:n_tr + 365].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
