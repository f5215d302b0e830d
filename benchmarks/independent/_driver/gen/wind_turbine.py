import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(21)
n = 1200
ws = rng.weibull(2.2, n) * 9.0
ws = np.clip(ws, 0.5, 24)
rho = rng.normal(1.20, 0.04, n)
yaw = np.abs(rng.normal(0, 9, n))
ti = rng.uniform(0.05, 0.25, n)
temp = 15 + (1.225 - rho) * 200 + rng.normal(0, 3, n)
veff = ws * np.cos(np.radians(yaw)) ** (2 / 3) * (rho / 1.225) ** (1 / 3)
power = 3.6 / (1 + np.exp(-(veff - 8.5) / 1.3)) * (1 - 0.6 * (ti - 0.1))
power = np.where(ws > 25, 0, power)
power = np.clip(power + rng.normal(0, 0.08, n), 0, None)
df = pd.DataFrame(dict(wind_speed_ms=ws.round(2), air_density=rho.round(4), yaw_error_deg=yaw.round(1),
                       turbulence_intensity=ti.round(3), ambient_temp_C=temp.round(1), power_MW=power.round(4)))
df.iloc[:900].to_csv(ROOT + "/wind_turbine/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + "/wind_turbine/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
