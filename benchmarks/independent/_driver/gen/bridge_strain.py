import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "bridge_strain"
rng = np.random.default_rng(402)
# weigh-in-motion events on a two-lane steel girder bridge; peak strain at a mid-span bottom-flange gauge
n = 560
gvw = np.where(rng.random(n) < 0.6, rng.uniform(3, 18, n), rng.uniform(18, 44, n)).round(1)   # gross vehicle weight, t
axles = np.where(gvw < 12, 2, np.where(gvw < 26, rng.choice([2, 3], n), rng.choice([4, 5, 6], n)))
speed = rng.uniform(30, 95, n).round(0)                                                          # km/h
lane = rng.choice([1, 2], n, p=[0.55, 0.45])                                                     # 1 = lane over the gauged girder
deck_t = rng.uniform(-8, 32, n).round(1)                                                         # deck temperature, degC
influence = np.where(lane == 1, 6.2, 2.4) * (1 - 0.05 * (axles - 2))                          # microstrain per tonne
daf = 1 + 0.18 * np.exp(-0.5 * ((speed - 68) / 7) ** 2)                                          # resonance near 68 km/h
restraint = np.where(deck_t < 2, 35 + 3.0 * (2 - deck_t), 0.0)                                   # bearings seize in frost
strain = influence * gvw * daf + restraint + rng.normal(0, 30, n)
df = pd.DataFrame(dict(gross_weight_t=gvw, axle_count=axles, speed_kmh=speed, lane=lane,
                       deck_temp_C=deck_t, peak_strain_ue=strain.round(1)))
df.iloc[:160].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[160:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
