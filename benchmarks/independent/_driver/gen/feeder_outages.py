import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "feeder_outages"
rng = np.random.default_rng(1103)
# one row per (storm, overhead distribution feeder) with a wind warning: did the feeder lock out (sustained
# outage) during the storm?  peak 3-s gust at the nearest station, 24-h rain, tree canopy over the line
# corridor, years since the last vegetation trim, conductor age
n_tr, n_va = 120, 110
n = n_tr + n_va
gust = rng.uniform(14, 38, n).round(1)               # m/s
rain = rng.gamma(1.6, 18.0, n).round(1)               # mm / 24 h
canopy = rng.uniform(5, 85, n).round(0)               # % of corridor under canopy
trim = rng.integers(0, 7, n)                          # years since last trim
age = rng.uniform(3, 55, n).round(0)                  # years
eta = (-14.4 + 0.42 * gust + 0.024 * rain + 0.058 * canopy + 0.30 * trim + 0.024 * age)
p = 1 / (1 + np.exp(-eta))
y = (rng.random(n) < p).astype(int)
df = pd.DataFrame(dict(peak_gust_ms=gust, rain_24h_mm=rain, canopy_pct=canopy, years_since_trim=trim,
                       conductor_age_yr=age, lockout=y))
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("lockout share train/val:", y[:n_tr].mean(), y[n_tr:].mean(), "Bayes acc val:", np.mean((p[n_tr:] > 0.5) == y[n_tr:]))
