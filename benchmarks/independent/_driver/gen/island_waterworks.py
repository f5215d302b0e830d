"""Synthetic daily water production of an island resort town's waterworks (ML/day): a summer tourist season
(annual + half-year harmonics), a temperature effect, rain, weekends and public holidays.
train = 2019-2021 (1096 days), val = 2022 (365 days)."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(7311)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "island_waterworks", "data")
days = pd.date_range("2019-01-01", "2022-12-31", freq="D")
n = len(days)
doy = days.day_of_year.to_numpy()
w = 2 * np.pi * doy / 365.25
anom = np.zeros(n)
for i in range(1, n):
    anom[i] = 0.7 * anom[i - 1] + rng.normal(0, 1.6)
tmax = 17.5 - 8.0 * np.cos(w - 0.35) + anom
wet = rng.random(n) < (0.35 + 0.15 * np.cos(w))
rain = np.where(wet, rng.gamma(0.8, 5.0, n), 0.0)
weekend = (days.day_of_week >= 5).astype(float)
hol_md = {(1, 1), (4, 19), (4, 22), (5, 1), (5, 30), (6, 10), (8, 15), (11, 1), (12, 25), (12, 26)}
holiday = np.array([1.0 if (d.month, d.day) in hol_md else 0.0 for d in days])
season = 2.6 * np.sin(w) - 3.1 * np.cos(w) + 0.4 * np.sin(2 * w) - 1.1 * np.cos(2 * w)   # peak late July
demand = 14.0 + season + 0.22 * (tmax - 17.5) - 0.09 * np.minimum(rain, 20) + 0.8 * weekend + 1.1 * holiday \
    + rng.normal(0, 0.55, n)
df = pd.DataFrame(dict(day_of_year=doy, tmax_c=np.round(tmax, 1), rain_mm=np.round(rain, 1), weekend=weekend,
                       public_holiday=holiday, production_ml=np.round(demand, 3)))
os.makedirs(OUT, exist_ok=True)
tr = days.year <= 2021
df[tr].to_csv(os.path.join(OUT, "train.csv"), index=False)
df[~tr].to_csv(os.path.join(OUT, "val.csv"), index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
