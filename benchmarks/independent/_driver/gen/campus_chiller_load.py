import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "campus_chiller_load"
rng = np.random.default_rng(1701)
# quarter-hourly chilled-water load of a university campus plant (kW), June-July; 7 warm-up days + 21 training + 7 validation
n_days = 35
q = np.arange(96)
minute = q * 15
hour = minute / 60.0
day_mean_t = 23 + 0.08 * np.arange(n_days) + rng.normal(0, 2.0, n_days)
for d in range(1, n_days):
    day_mean_t[d] = 0.6 * day_mean_t[d] + 0.4 * day_mean_t[d - 1] + 0.4 * 0.08 * d * 0  # persistent weather
loads, temps = [], []
dows = (np.arange(n_days) + 2) % 7      # day 0 is a Wednesday
noise = 0.0
for d in range(n_days):
    T = day_mean_t[d] + 5.5 * np.sin(2 * np.pi * (hour - 9.0) / 24) + rng.normal(0, 0.4, 96)
    weekday = dows[d] < 5
    occ = 1 / (1 + np.exp(-(hour - 7.0) * 2.5)) * 1 / (1 + np.exp((hour - 21.5) * 2.0))
    occ = occ * (1.0 if weekday else 0.25)
    lunch = 120 * np.exp(-0.5 * ((hour - 12.5) / 0.8) ** 2) * (1.0 if weekday else 0.3)
    base = 420 + 900 * occ + lunch + 38 * np.maximum(T - 18, 0) + 14 * occ * np.maximum(T - 18, 0)
    e = np.zeros(96)
    for i in range(96):
        noise = 0.9 * noise + rng.normal(0, 18)
        e[i] = noise
    loads.append(base + e); temps.append(T)
loads = np.array(loads); temps = np.array(temps)
rows = []
for d in range(7, n_days):
    for i in range(96):
        rows.append(dict(minute_of_day=int(minute[i]), day_of_week=int(dows[d]),
                         yesterday_mean_kw=round(loads[d - 1].mean(), 1), week_ago_mean_kw=round(loads[d - 7].mean(), 1),
                         temp_forecast_c=round(temps[d, i] + rng.normal(0, 0.5), 1), load_kw=round(loads[d, i], 1)))
df = pd.DataFrame(rows)
df.iloc[:21 * 96].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[21 * 96:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T)
