import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "ice_rink_energy"
rng = np.random.default_rng(1603)
# daily electricity use of the refrigeration plant of a municipal ice rink (two seasons, Sep-Apr, then a third)
n = 1600
outdoor = rng.normal(6, 7, n)                          # daily mean outdoor temperature, C
humidity = np.clip(rng.normal(72, 12, n), 30, 100)     # %
open_h = rng.uniform(8, 17, n)                         # public/club hours on the ice
resurf = np.clip(np.round(open_h / 2 + rng.normal(0, 1.2, n)), 2, 12)   # ice resurfacing runs
weekend = (rng.random(n) < 2 / 7).astype(int)
spectators = np.where(rng.random(n) < 0.15, rng.gamma(4, 350, n), 0.0)  # match days
ice_set = rng.choice([-5.0, -4.0, -3.0], n, p=[0.3, 0.5, 0.2])          # ice surface set point, C
dew = outdoor - (100 - humidity) / 5
load = (2900 + 95 * np.maximum(outdoor + 2, 0) + 2.2 * np.maximum(outdoor + 2, 0) ** 2 + 18 * np.maximum(dew, 0) ** 1.3
        + 85 * open_h + 140 * resurf + 0.18 * spectators - 310 * (ice_set + 4) + 120 * weekend)
kwh = load + rng.normal(0, 140, n)
df = pd.DataFrame(dict(outdoor_temp_c=outdoor.round(1), rel_humidity_pct=humidity.round(0), ice_hours=open_h.round(1),
                       resurfacings=resurf, weekend=weekend, spectators=spectators.round(0), ice_setpoint_c=ice_set,
                       energy_kwh=kwh.round(0)))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
