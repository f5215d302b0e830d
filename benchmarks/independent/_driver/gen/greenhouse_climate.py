import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "greenhouse_climate"
rng = np.random.default_rng(44)
n = 800
t_out = rng.uniform(-5, 30, n)
solar = np.clip(rng.gamma(2.0, 0.18, n), 0, 1.0)        # kW/m2
vent = rng.uniform(0, 1, n)                              # fraction open
heat = np.where(t_out < 12, rng.uniform(0.2, 1.0, n), rng.uniform(0, 0.3, n))  # fraction of boiler power
rh = rng.uniform(0.4, 0.95, n)
gain = 14 * solar * (1 - 0.6 * vent) + 12 * heat
t_in = t_out + gain / (1 + 2.5 * vent) + 2.0 * (1 - rh) + rng.normal(0, 0.5, n)
df = pd.DataFrame(dict(outdoor_temp_C=t_out.round(2), solar_kW_m2=solar.round(3), vent_opening=vent.round(3),
                       heating_fraction=heat.round(3), outdoor_rh=rh.round(3), indoor_temp_C=t_in.round(2)))
df.iloc[:600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
