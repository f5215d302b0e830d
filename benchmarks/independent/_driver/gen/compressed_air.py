import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "compressed_air"
rng = np.random.default_rng(8102)
# daily energy of the compressed-air station of a bottling plant (three screw compressors, SCADA daily export)
n = 1460
day = np.arange(n)
doy = day % 365
ambient = 11 - 9 * np.cos(2 * np.pi * (doy - 20) / 365) + rng.normal(0, 2.5, n)        # intake air, degC
shifts = rng.choice([1, 2, 3], n, p=[0.25, 0.45, 0.30])
shifts[(day % 7) >= 5] = rng.choice([0, 1], ((day % 7) >= 5).sum(), p=[0.6, 0.4])
bottles = np.where(shifts > 0, shifts * rng.uniform(38, 52, n), 0.0)                    # thousand bottles filled
pressure = np.round(rng.choice([6.5, 7.0, 7.5], n, p=[0.3, 0.5, 0.2]), 1)              # header set-point, bar(g)
leak_m3h = 55 + 0.045 * doy + rng.normal(0, 4, n)                                       # leakage grows between yearly leak surveys
demand_m3 = 95 * bottles + leak_m3h * 24
spec_kwh = 0.105 * (1 + 0.075 * (pressure - 7.0)) * (1 + 0.0035 * (ambient - 15))     # kWh per m3 free air
kwh = demand_m3 * spec_kwh + 60 * (shifts > 0) + rng.normal(0, 25, n)
df = pd.DataFrame(dict(bottles_k=bottles.round(1), shifts=shifts, ambient_temp_C=ambient.round(1),
                       setpoint_bar=pressure, days_since_leak_survey=(day % 365), energy_kWh=kwh.round(1)))
tr, va = df.iloc[:1095].copy(), df.iloc[1095:].copy()
# the SCADA historian re-sent a day's record after a comms drop: 14 % of the training days appear twice in a row
dup = np.sort(rng.choice(len(tr), int(0.14 * len(tr)), replace=False))
tr = pd.concat([tr, tr.iloc[dup]]).sort_index(kind="stable")
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
