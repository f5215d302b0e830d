import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "junction_collisions"
rng = np.random.default_rng(9303)
# urban and suburban road junctions: injury collisions recorded in five years against traffic and layout
n = 1200
aadt_major = np.exp(rng.normal(np.log(12000), 0.6, n)).round(-1)                  # vehicles/day on the major road
aadt_minor = np.exp(rng.normal(np.log(1800), 0.8, n)).clip(50, None).round(-1)    # vehicles/day on the minor road
signal = (rng.random(n) < 0.15 + 0.5 * (aadt_major > 15000)).astype(int)           # signal-controlled
legs = np.where(rng.random(n) < 0.4, 4, 3)
speed = rng.choice([30, 40, 50, 60, 70, 80], n, p=[0.15, 0.2, 0.3, 0.15, 0.1, 0.1])  # speed limit, km/h
ped = (rng.random(n) < 0.35).astype(int)                                           # marked pedestrian crossing
eta = (-8.4 + 0.72 * np.log(aadt_major) + 0.38 * np.log(aadt_minor) - 0.30 * signal + 0.45 * (legs == 4)
       + 0.09 * (speed - 50) / 10 + 0.18 * ped)
y = rng.poisson(np.exp(eta))
df = pd.DataFrame(dict(aadt_major=aadt_major, aadt_minor=aadt_minor, signalised=signal, legs=legs,
                       speed_limit_kmh=speed, ped_crossing=ped, collisions_5yr=y))
df.iloc[:800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
