import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "air_quality"
rng = np.random.default_rng(77)
def make(n, seed):
    r = np.random.default_rng(seed)
    temp = r.uniform(-8, 30, n)
    wind = r.gamma(2.0, 1.8, n)
    traffic = r.uniform(0.2, 3.5, n)                     # thousand vehicles/hour
    hour = r.integers(0, 24, n)
    inversion = 1 / (1 + np.exp((temp - 6) / 2.5))       # cold stable air traps exhaust
    no2 = 8 + 9 * traffic * (1 + 2.2 * inversion) * np.exp(-wind / 4) + 6 * ((hour >= 7) & (hour <= 9)) + r.normal(0, 3, n)
    return pd.DataFrame(dict(air_temp=temp.round(1), wind_m_s=wind.round(2), traffic_k_veh_h=traffic.round(2),
                             hour=hour, no2_ppb=no2.round(1)))
tr = make(900, 770)
va = make(300, 771)
va["air_temp"] = (va["air_temp"] * 9 / 5 + 32).round(1)   # second station's logger
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
