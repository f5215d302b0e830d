import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "solar_park"
rng = np.random.default_rng(5103)
n = 2000                                   # daytime hours of one year, in time order
doy = np.sort(rng.uniform(0, 365, n))
season = np.cos(2 * np.pi * (doy - 172) / 365)               # 1 at midsummer
clear = 1050 * (0.55 + 0.45 * season) * rng.uniform(0.25, 1.0, n) ** 0.6
cloud = rng.beta(1.2, 2.0, n)
g = np.clip(clear * (1 - 0.85 * cloud) + rng.normal(0, 15, n), 15, None)          # plane-of-array irradiance, W/m2
t_amb = 11 + 9 * season + rng.normal(0, 4, n) + 0.004 * g
wind = rng.gamma(2.2, 1.6, n)
days_clean = np.zeros(n); k = 0
for i in range(n):                        # panels washed every ~3 weeks of daytime hours
    k = 0 if rng.uniform() < 1 / 180 else k + 1
    days_clean[i] = k / 9.0
t_cell = t_amb + g * (0.034 / (1 + 0.12 * wind))
dc = 500 * g / 1000 * (1 - 0.0040 * (t_cell - 25)) * (1 - 0.0025 * np.minimum(days_clean, 40))
ac = np.minimum(0.97 * dc, 420) + rng.normal(0, 3, n)
df = pd.DataFrame(dict(poa_irradiance_wm2=g.round(1), ambient_temp_c=t_amb.round(1), wind_speed_ms=wind.round(1),
                       days_since_cleaning=days_clean.round(1), ac_power_kw=ac.round(1)))
day = np.floor(doy).astype(int)
val_days = rng.permutation(365)[:91]                         # one day in four held out for validation
is_val = np.isin(day, val_days)
tr, va = df[~is_val].reset_index(drop=True), df[is_val].reset_index(drop=True)
# training hours before 20 April (day 110) come from the plant's original data logger export
bad = np.flatnonzero(doy[~is_val] < 110)
tr.loc[bad, "poa_irradiance_wm2"] = (tr.loc[bad, "poa_irradiance_wm2"] * 3.6).round(1)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
    print("rows with irradiance > 1361:", int((tr.poa_irradiance_wm2 > 1361).sum()), "changed rows", len(bad), bad.min(), bad.max(), len(tr), len(va))
