import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "cell_towers"
rng = np.random.default_rng(1301)
# daily mobile data volume carried by 48 urban/suburban cell towers (4-digit site codes), 60 days
n_t, n_days = 48, 60
site = np.sort(rng.choice(np.arange(1000, 10000), n_t, replace=False))
base = rng.normal(520, 160, n_t).clip(180, 1000)                 # GB/day on an ordinary weekday
office = rng.random(n_t) < 0.4                                   # business-district towers empty at weekends
event_sens = rng.uniform(20, 140, n_t)                           # GB extra when an event is held nearby
rows = []
for d in range(n_days):
    dow = (d + 2) % 7                                            # 0 = Monday
    hol = int(d in (17, 38))
    temp = 14 + 8 * np.sin(2 * np.pi * (d - 10) / 60) + rng.normal(0, 2.5)
    for t in range(n_t):
        wkend = dow >= 5 or hol
        ev = int(rng.random() < 0.08)
        y = base[t] * (0.55 if (wkend and office[t]) else (1.12 if wkend else 1.0))
        y += ev * event_sens[t] + 2.5 * (temp - 14) + rng.normal(0, 22)
        rows.append((site[t], dow, hol, round(temp + rng.normal(0, 0.6), 1), ev, round(y, 1), d))
df = pd.DataFrame(rows, columns=["site_code", "day_of_week", "public_holiday", "temp_C", "event_nearby", "traffic_GB", "day"])
tr = df[df.day < 45].drop(columns="day"); va = df[df.day >= 45].drop(columns="day")
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(len(tr), len(va)); print(df.describe().T[["mean", "std", "min", "max"]])
print("buckets mod 16:", len(set(site % 16)), "mod 10000:", len(set(site % 10000)))
