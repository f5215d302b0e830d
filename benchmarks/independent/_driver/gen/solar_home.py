import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(17)
n = 1000
irr = np.clip(rng.gamma(3, 1.2, n), 0.3, 8.0)           # kWh/m2/day
kwp = rng.choice([3.0, 4.5, 6.0, 8.0, 10.0], n)
temp = rng.uniform(-8, 35, n)
occ = rng.integers(1, 6, n)
ev = rng.binomial(1, 0.3, n)
prod = kwp * irr * 0.8 * (1 - 0.004 * np.maximum(temp - 25, 0))
cons = 5 + 2.4 * occ + 0.45 * np.maximum(16 - temp, 0) + 0.35 * np.maximum(temp - 24, 0) + 9 * ev
net = prod - cons + rng.normal(0, 1.5, n)
df = pd.DataFrame(dict(irradiance_kWh_m2=irr.round(2), panel_kWp=kwp, outdoor_temp_C=temp.round(1),
                       occupants=occ, ev_charging=ev, net_export_kWh=net.round(2)))
df.iloc[:750].to_csv(ROOT + "/solar_home/data/train.csv", index=False)
df.iloc[750:].to_csv(ROOT + "/solar_home/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]], (net<0).mean())
