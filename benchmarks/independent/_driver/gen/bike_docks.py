import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "bike_docks"
rng = np.random.default_rng(6102)
# daily trips of a city bike-share scheme, 1 January 2019 to 31 December 2022 (station network growing slowly)
dates = pd.date_range("2019-01-01", "2022-12-31", freq="D")
n = len(dates)
doy = dates.day_of_year.to_numpy()
dow = dates.day_of_week.to_numpy()
season = -np.cos(2 * np.pi * (doy - 20) / 365.25)              # 1 in mid-July
temp = 14 + 10 * season + np.zeros(n)
anom = np.zeros(n)
for t in range(1, n):
    anom[t] = 0.7 * anom[t - 1] + rng.normal(0, 2.6)
temp = temp + anom
wet = rng.uniform(size=n) < 0.33
precip = np.where(wet, rng.gamma(0.8, 5.0, n), 0.0)
hol = np.zeros(n, int)
for y in range(2019, 2023):
    for md in ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"]:
        hol[dates.get_loc(pd.Timestamp(f"{y}-{md}"))] = 1
weekend = dow >= 5
growth = 1 + 0.12 * np.arange(n) / 365.25
temp_eff = np.exp(-0.5 * ((temp - 24) / 9.0) ** 2)             # riders like ~24 degC
rain_eff = np.exp(-0.09 * precip)
dow_eff = np.array([1.12, 1.18, 1.18, 1.15, 1.02, 0.58, 0.48])[dow]
hol_eff = np.where(hol == 1, 0.6, 1.0)
shock = np.zeros(n)
for t in range(1, n):
    shock[t] = 0.6 * shock[t - 1] + rng.normal(0, 0.05)    # events, network outages, word of mouth
trips = 9000 * growth * (0.25 + 0.75 * temp_eff) * rain_eff * dow_eff * hol_eff * np.exp(shock)
trips = rng.poisson(trips).astype(float)
s = pd.Series(trips)
df = pd.DataFrame(dict(day_of_week=dow, holiday=hol, temp_max_c=temp.round(1), precip_mm=precip.round(1),
                       trips_lag1=s.shift(1), trips_lag7=s.shift(7),
                       trips_7d_mean=s.rolling(7).mean().shift(1).round(1),      # the 7 days before
                       trips=trips))
n_tr = int(np.flatnonzero(dates.year == 2022)[0])
# the historical extract (2019-2021) was joined to the trip counts on the dashboard's end-of-day timestamp
# (00:00 of the next day), so in it every lag column is one day late: 'lag1' holds the same day's trips;
# the 2022 file comes straight from the operations dashboard
late = s.shift(-1)
df.loc[:n_tr - 1, "trips_lag1"] = late.shift(1)[:n_tr]
df.loc[:n_tr - 1, "trips_lag7"] = late.shift(7)[:n_tr]
df.loc[:n_tr - 1, "trips_7d_mean"] = late.rolling(7).mean().shift(1)[:n_tr].round(1)
tr = df.iloc[7:n_tr].reset_index(drop=True)
va = df.iloc[n_tr:].reset_index(drop=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]], len(tr), len(va))
