import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "cold_store_energy"
rng = np.random.default_rng(31)
# daily electricity use of a refrigerated distribution warehouse (-20 degC freezer halls + chilled docks)
n = 1460                                                     # four years of days
doy = np.arange(n) % 365
t_mean = 11 + 9 * np.sin(2 * np.pi * (doy - 110) / 365) + rng.normal(0, 3, n)         # degC
t_max = t_mean + 4 + rng.normal(0, 1.2, n)
dew = t_mean - 4 - np.abs(rng.normal(0, 3, n))                                          # degC
solar = np.clip(14 + 9 * np.sin(2 * np.pi * (doy - 80) / 365) + rng.normal(0, 4, n), 1, 32)   # MJ/m2
weekday = (np.arange(n) % 7 < 5).astype(int)
intake_t = np.round(np.clip(np.where(weekday == 1, 310, 90) + rng.normal(0, 45, n), 0, None))   # tonnes received
door_open_h = np.round(np.clip(2.5 + 0.012 * intake_t + rng.normal(0, 1.1, n), 0.2, None), 2)  # dock door open hours
kwh = (21000 + 520 * t_mean + 260 * (t_max - t_mean) + 260 * (dew - t_mean) + 95 * solar
       + 6.5 * intake_t + 1500 * door_open_h + rng.normal(0, 900, n))
df = pd.DataFrame(dict(t_mean_C=t_mean.round(1), t_max_C=t_max.round(1), dewpoint_C=dew.round(1),
                       solar_MJ_m2=solar.round(1), weekday=weekday, intake_t=intake_t, door_open_h=door_open_h,
                       energy_kWh=kwh.round(0)))
idx = rng.permutation(n)
tr = df.iloc[idx[:1000]].reset_index(drop=True)
va = df.iloc[idx[1000:]].reset_index(drop=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]])
print(np.round(np.corrcoef(tr.drop(columns="energy_kWh").to_numpy().T), 2))
