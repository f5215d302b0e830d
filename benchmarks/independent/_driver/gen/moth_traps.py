import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "moth_traps"
rng = np.random.default_rng(311)
# nightly codling-moth catches in pheromone traps, 20 traps x 40 nights
rows = []
for trap in range(20):
    orchard = int(trap < 12)
    for night in range(40):
        temp = 14 + 6 * np.sin(np.pi * night / 40) + rng.normal(0, 2.5)
        wind = rng.gamma(2, 1.5)
        moon = 0.5 * (1 + np.cos(2 * np.pi * night / 29.5))
        mu = np.exp(0.2 + 0.11 * temp - 0.18 * wind - 0.6 * moon + 0.8 * orchard)
        r = 2.5
        y = rng.poisson(rng.gamma(r, mu / r))
        rows.append(dict(night_temp_C=round(temp, 1), wind_m_s=round(wind, 1), moon_illum=round(moon, 2),
                         in_orchard=orchard, moths=y))
df = pd.DataFrame(rows).sample(frac=1, random_state=5).reset_index(drop=True)
df.iloc[:600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
