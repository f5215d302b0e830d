import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "call_centre"
rng = np.random.default_rng(6103)
# hourly inbound calls at a utility company's customer-service centre, 120 days from Monday 6 March 2023
days = 120
hours = np.arange(days * 24)
h = hours % 24
dow = (hours // 24) % 7
open_prof = np.clip(np.sin(np.pi * (h - 6.5) / 15.5), 0, None) ** 1.3          # lines open ~07:00-22:00
peak = 1 + 0.55 * np.exp(-0.5 * ((h - 9.5) / 1.3) ** 2) + 0.25 * np.exp(-0.5 * ((h - 14) / 1.5) ** 2)
dow_eff = np.array([1.30, 1.10, 1.0, 0.98, 0.92, 0.45, 0.30])[dow]
day_shock = np.zeros(days)
for d in range(1, days):
    day_shock[d] = 0.75 * day_shock[d - 1] + rng.normal(0, 0.12)   # billing runs, outages, weather
hour_shock = np.zeros(len(hours))
for t in range(1, len(hours)):
    hour_shock[t] = 0.8 * hour_shock[t - 1] + rng.normal(0, 0.08)
mu = 4 + 260 * open_prof * peak * dow_eff * np.exp(np.repeat(day_shock, 24) + hour_shock)
calls = rng.poisson(mu).astype(float)
rows = []
for t in range(48, len(hours)):
    r = {f"calls_lag_{k}h": calls[t - k] for k in range(48, 0, -1)}
    r.update(hour_of_day=int(h[t]), day_of_week=int(dow[t]), calls=calls[t])
    rows.append(r)
df = pd.DataFrame(rows)
n_tr = 88 * 24
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)          # chronological split
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df[["calls_lag_1h", "hour_of_day", "day_of_week", "calls"]].describe().T[["mean", "std", "min", "max"]], len(df), n_tr)
