import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "traffic_flow"
rng = np.random.default_rng(403)
# hourly vehicle counts at an inductive-loop station on an urban arterial, 130 days from a Monday
days = 130
hours = np.arange(days * 24)
h = hours % 24
dow = (hours // 24) % 7
weekend = dow >= 5
am = np.exp(-0.5 * ((h - 8) / 1.2) ** 2)
pm = np.exp(-0.5 * ((h - 17.5) / 1.6) ** 2)
base = 120 + 700 * np.exp(-0.5 * ((h - 13) / 4.5) ** 2)
wk = base + 900 * am + 800 * pm
we = 90 + 650 * np.exp(-0.5 * ((h - 14) / 3.5) ** 2)
level = np.where(weekend, we, wk)
season = 1 + 0.08 * np.sin(2 * np.pi * hours / (24 * 90))
weather = np.repeat(np.exp(rng.normal(0, 0.08, days)), 24)                   # day-to-day demand
incident = np.ones_like(level)
for s in rng.choice(len(hours) - 4, 12, replace=False):                      # a few lane closures
    incident[s:s + rng.integers(2, 5)] *= rng.uniform(0.4, 0.7)
mu = level * season * weather * incident
count = rng.negative_binomial(60, 60 / (60 + mu)).astype(float)
rows = []
for t in range(24, len(hours)):
    r = {f"veh_lag_{k}h": count[t - k] for k in range(24, 0, -1)}
    r.update(hour_of_day=int(h[t]), weekend=int(weekend[t]), veh_next_hour=count[t])
    rows.append(r)
df = pd.DataFrame(rows)
df.iloc[:2300].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)          # chronological split
df.iloc[2300:2996].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df[["veh_lag_1h", "hour_of_day", "weekend", "veh_next_hour"]].describe().T[["mean", "std", "min", "max"]], len(df))
