import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "fjord_hydro_inflow"
rng = np.random.default_rng(1702)
# daily inflow (m3/s) to a hydropower reservoir in a fjord catchment: rain on a linear-reservoir catchment plus snowmelt
n = 5 * 365 + 20
doy = (np.arange(n) + 240) % 365              # record starts late August
wet = rng.random(n) < (0.45 + 0.15 * np.cos(2 * np.pi * (doy - 300) / 365))
rain = np.where(wet, rng.gamma(0.9, 9.0, n), 0.0)
melt = np.clip(45 * np.sin(2 * np.pi * (doy - 100) / 365), 0, None) * rng.lognormal(0, 0.15, n)
fast, slow = 0.0, 20.0
q = np.zeros(n)
for t in range(n):
    fast = 0.55 * fast + 1.6 * rain[t] + 0.5 * melt[t]
    slow = 0.95 * slow + 0.05 * (12 + 0.25 * rain[t] * 4 + 0.6 * melt[t])
    q[t] = fast + slow + rng.normal(0, 1.5)
q = np.clip(q, 1.0, None)
rows = []
for t in range(10, n):
    r = {f"inflow_lag{k}": round(q[t - k], 2) for k in range(1, 11)}
    r.update(rain_today_mm=round(rain[t], 1), rain_lag1_mm=round(rain[t - 1], 1),
             doy_sin=round(np.sin(2 * np.pi * doy[t] / 365), 4), doy_cos=round(np.cos(2 * np.pi * doy[t] / 365), 4),
             inflow_m3s=round(q[t], 2))
    rows.append(r)
df = pd.DataFrame(rows)
n_tr = 4 * 365
tr = df.iloc[:n_tr].copy(); va = df.iloc[n_tr:n_tr + 365].copy()
# the validation year was extracted later by the operator's forecasting desk
lagc = [f"inflow_lag{k}" for k in range(1, 11)]
va_out = va.copy()
va_out[lagc] = va[lagc[::-1]].to_numpy()
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va_out.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]])
