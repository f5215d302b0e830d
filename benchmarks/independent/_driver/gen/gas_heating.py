import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(31)
n = 730
day = np.arange(n)
temp = 10 - 11 * np.cos(2 * np.pi * (day - 15) / 365) + rng.normal(0, 3.5, n)
weekend = ((day % 7) >= 5).astype(int)
base, wk, slope, tb, sig = 42.0, -9.0, 6.5, 16.0, 7.0
hdd = 1.5 * np.log1p(np.exp((tb - temp) / 1.5))
gas = base + wk * weekend + slope * hdd + rng.normal(0, sig, n)
df = pd.DataFrame(dict(outdoor_temp_C=temp.round(1), weekend=weekend, gas_kWh=gas.round(1)))
df = df.sample(frac=1, random_state=2).reset_index(drop=True)
tr, va = df.iloc[:520].copy(), df.iloc[520:].copy()
# the logger export: outage days and meter-reset days
bad_t = rng.choice(len(tr), 9, replace=False)
tr = tr.astype({"gas_kWh": float, "outdoor_temp_C": float})
tr.iloc[bad_t[:6], tr.columns.get_loc("outdoor_temp_C")] = np.nan
tr.iloc[bad_t[6:], tr.columns.get_loc("gas_kWh")] = np.inf
tr.to_csv(ROOT + "/gas_heating/data/train.csv", index=False)
va.to_csv(ROOT + "/gas_heating/data/val.csv", index=False)
print(tr.describe().T, va.describe().T)
