import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "grid_demand"
rng = np.random.default_rng(6104)
# daily electricity demand of a regional distribution network, 2018-2023
dates = pd.date_range("2018-01-01", "2023-12-31", freq="D")
n = len(dates)
doy = dates.day_of_year.to_numpy()
dow = dates.day_of_week.to_numpy()
clim = 12.5 - 9.5 * np.cos(2 * np.pi * (doy - 18) / 365.25)
anom = np.zeros(n)
for t in range(1, n):
    anom[t] = 0.75 * anom[t - 1] + rng.normal(0, 2.3)
temp = clim + anom
hol = np.zeros(n, int)
for y in range(2018, 2024):
    for md in ["01-01", "05-01", "08-15", "10-03", "12-24", "12-25", "12-26", "12-31"]:
        hol[dates.get_loc(pd.Timestamp(f"{y}-{md}"))] = 1
sp = lambda z: np.logaddexp(0, z)
hdd = 2.0 * sp((15.5 - temp) / 2.0)
cdd = 1.5 * sp((temp - 21.0) / 1.5)
dow_eff = np.array([0, 2, 3, 2, -4, -38, -52])[dow]
base = 300 + 6.2 * hdd + 9.5 * cdd + dow_eff - 42 * hol
e = np.zeros(n)
for t in range(1, n):
    e[t] = 0.65 * e[t - 1] + rng.normal(0, 5.0)
demand = base + e
df = pd.DataFrame(dict(day_of_week=dow, holiday=hol, temp_mean_c=temp.round(1),
                       holiday_lag1=np.r_[0, hol[:-1]], temp_mean_lag1_c=np.r_[np.nan, temp[:-1]].round(1),
                       demand_lag1_gwh=np.r_[np.nan, demand[:-1]].round(2), demand_gwh=demand.round(2)))
df = df.iloc[1:].reset_index(drop=True)
n_tr = int(np.flatnonzero(dates.year == 2023)[0]) - 1
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)          # chronological split: 2023 held out
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], len(df), n_tr)
